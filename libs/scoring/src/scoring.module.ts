import { Module } from '@nestjs/common';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';
import { ScoringProcessor } from './scoring.processor.js';
import { UnscoredSweepService } from './unscored-sweep.service.js';

/** The worker role: consumes the scoring queue and sweeps for unscored events. Needs RuntimeModule. */
@Module({
  providers: [ScoreEventsUseCase, RebuildContestUseCase, ScoringProcessor, UnscoredSweepService],
  exports: [ScoreEventsUseCase, RebuildContestUseCase, UnscoredSweepService],
})
export class ScoringModule {}
