import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { MomentsBroadcasterService } from './moments-broadcaster.service.js';
import { StandingsBroadcasterService } from './standings-broadcaster.service.js';
import { StandingsGateway } from './standings.gateway.js';

@Module({
  imports: [StandingsModule, ContestsModule],
  providers: [StandingsBroadcasterService, MomentsBroadcasterService, StandingsGateway],
})
export class RealtimeModule {}
