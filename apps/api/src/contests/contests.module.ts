import { Module } from '@nestjs/common';
import { ContestsController } from './contests.controller.js';
import { ContestPauseService } from './contest-pause.service.js';
import { ContestsService } from './contests.service.js';

@Module({
  controllers: [ContestsController],
  providers: [ContestsService, ContestPauseService],
  exports: [ContestsService],
})
export class ContestsModule {}
