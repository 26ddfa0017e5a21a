import { Module } from '@nestjs/common';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';
import { ScoringProcessor } from './scoring.processor.js';
import { UnscoredSweepService } from './unscored-sweep.service.js';
import { PeriodRolloverService } from './period-rollover.service.js';

/**
 * The worker role: consumes the scoring queue, sweeps for unscored events and rolls boards over at
 * period boundaries. Needs RuntimeModule.
 */
@Module({
  providers: [
    ScoreEventsUseCase,
    RebuildContestUseCase,
    ScoringProcessor,
    UnscoredSweepService,
    PeriodRolloverService,
  ],
  exports: [ScoreEventsUseCase, RebuildContestUseCase, UnscoredSweepService],
})
export class ScoringModule {}
