import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module.js';
import { StandingsBroadcasterService } from './standings-broadcaster.service.js';
import { StandingsGateway } from './standings.gateway.js';

@Module({ imports: [StandingsModule], providers: [StandingsBroadcasterService, StandingsGateway] })
export class RealtimeModule {}
