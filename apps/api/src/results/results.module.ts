import { Module } from '@nestjs/common';
import { FinalisePeriodUseCase } from '#scoring';
import { ContestsModule } from '../contests/contests.module.js';
import { ResultsController } from './results.controller.js';
import { ResultsService } from './results.service.js';

@Module({
  imports: [ContestsModule],
  controllers: [ResultsController],
  providers: [ResultsService, FinalisePeriodUseCase],
})
export class ResultsModule {}
