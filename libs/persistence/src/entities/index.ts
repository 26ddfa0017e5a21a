import { ContestEntity } from './contest.entity.js';
import { ContributionEntity } from './contribution.entity.js';
import { EventEntity } from './event.entity.js';
import { RepEntity } from './rep.entity.js';
import { StandingEntity } from './standing.entity.js';

export { ContestEntity, ContributionEntity, EventEntity, RepEntity, StandingEntity };
export const ENTITIES = [RepEntity, ContestEntity, EventEntity, ContributionEntity, StandingEntity];
