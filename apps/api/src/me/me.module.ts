import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

/** The rep's own view: live contests and history. */
@Module({
  imports: [StandingsModule],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
