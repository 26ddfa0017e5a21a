import {
  ApiKeyEntity,
  AuditEntryEntity,
  ManagerTeamEntity,
  ScreenDeviceCodeEntity,
  ScreenEntity,
  SessionEntity,
  UserEntity,
} from './access.entities.js';
import { AdjustmentEntity } from './adjustment.entity.js';
import { AwardEntity } from './award.entity.js';
import { ContestPeriodEntity } from './contest-period.entity.js';
import { ContestEntity } from './contest.entity.js';
import { ContributionEntity } from './contribution.entity.js';
import { EventEntity } from './event.entity.js';
import { RepEntity } from './rep.entity.js';
import { SetupCodeEntity } from './setup-code.entity.js';
import { StandingEntity } from './standing.entity.js';
import { TeamEntity } from './team.entity.js';

export {
  AdjustmentEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  ManagerTeamEntity,
  ScreenEntity,
  ScreenDeviceCodeEntity,
  SessionEntity,
  UserEntity,
  AwardEntity,
  ContestEntity,
  ContestPeriodEntity,
  ContributionEntity,
  EventEntity,
  RepEntity,
  SetupCodeEntity,
  StandingEntity,
  TeamEntity,
};
export const ENTITIES = [
  TeamEntity,
  RepEntity,
  ContestEntity,
  EventEntity,
  ContributionEntity,
  StandingEntity,
  ContestPeriodEntity,
  AwardEntity,
  AdjustmentEntity,
  UserEntity,
  ManagerTeamEntity,
  SessionEntity,
  ApiKeyEntity,
  ScreenEntity,
  ScreenDeviceCodeEntity,
  AuditEntryEntity,
  SetupCodeEntity,
];
