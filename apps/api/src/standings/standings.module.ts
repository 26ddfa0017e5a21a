import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module.js';
import { BoardsAccess } from './boards-access.service.js';
import { StandingsReaderService } from './standings-reader.service.js';
import { StandingsController } from './standings.controller.js';

@Module({
  imports: [ContestsModule],
  controllers: [StandingsController],
  providers: [StandingsReaderService, BoardsAccess],
  exports: [StandingsReaderService, BoardsAccess],
})
export class StandingsModule {}
