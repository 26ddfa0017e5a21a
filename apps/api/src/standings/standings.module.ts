import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module.js';
import { StandingsReaderService } from './standings-reader.service.js';
import { StandingsController } from './standings.controller.js';

@Module({
  imports: [ContestsModule],
  controllers: [StandingsController],
  providers: [StandingsReaderService],
  exports: [StandingsReaderService],
})
export class StandingsModule {}
