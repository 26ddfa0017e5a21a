import { CreateLedgerAndStandings1764230400000 } from './1764230400000-create-ledger-and-standings.js';
import { ContestRebuiltAt1764234000000 } from './1764234000000-contest-rebuilt-at.js';
import { DropContributionForeignKeys1764237600000 } from './1764237600000-drop-contribution-foreign-keys.js';
import { ContestCurrentPeriod1764241200000 } from './1764241200000-contest-current-period.js';
import { ContestEngine1764244800000 } from './1764244800000-contest-engine.js';
import { PeopleAndAccess1764248400000 } from './1764248400000-people-and-access.js';
import { SessionsByUser1764252000000 } from './1764252000000-sessions-by-user.js';
import { SessionFamilies1764255600000 } from './1764255600000-session-families.js';
import { AwardPositions1764270000000 } from './1764270000000-award-positions.js';
import { BoardSettingsAndDeviceCodes1764277200000 } from './1764277200000-board-settings-and-device-codes.js';
import { SetupCodes1764280800000 } from './1764280800000-setup-codes.js';
import { ContestPausedAt1764284400000 } from './1764284400000-contest-paused-at.js';
import { CoachingActivityIndex1764291600000 } from './1764291600000-coaching-activity-index.js';

/** Every migration, oldest first. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  CreateLedgerAndStandings1764230400000,
  ContestRebuiltAt1764234000000,
  DropContributionForeignKeys1764237600000,
  ContestCurrentPeriod1764241200000,
  ContestEngine1764244800000,
  PeopleAndAccess1764248400000,
  SessionsByUser1764252000000,
  SessionFamilies1764255600000,
  AwardPositions1764270000000,
  BoardSettingsAndDeviceCodes1764277200000,
  SetupCodes1764280800000,
  ContestPausedAt1764284400000,
  CoachingActivityIndex1764291600000,
];
