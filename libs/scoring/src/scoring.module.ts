import { Module } from '@nestjs/common';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';
import { ScoringProcessor } from './scoring.processor.js';
import { UnscoredSweepService } from './unscored-sweep.service.js';
import { PeriodRolloverService } from './period-rollover.service.js';
import { ReconcileContestUseCase } from './reconcile-contest.use-case.js';
import { ReconcileService } from './reconcile.service.js';
import { FinalisePeriodUseCase } from './finalise-period.use-case.js';
import { ContestLifecycleService } from './contest-lifecycle.service.js';

/**
 * The worker role: consumes the scoring queue, sweeps for unscored events, rolls boards over at
 * period boundaries, finalises periods and reconciles contests with the ledger. Needs RuntimeModule.
 */
@Module({
  providers: [
    ScoreEventsUseCase,
    RebuildContestUseCase,
    ScoringProcessor,
    UnscoredSweepService,
    PeriodRolloverService,
    ReconcileContestUseCase,
    ReconcileService,
    FinalisePeriodUseCase,
    ContestLifecycleService,
  ],
  exports: [
    ScoreEventsUseCase,
    RebuildContestUseCase,
    UnscoredSweepService,
    ReconcileContestUseCase,
    FinalisePeriodUseCase,
    ContestLifecycleService,
  ],
})
export class ScoringModule {}
