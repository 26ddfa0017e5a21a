import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyHealthService } from './dependency-health.service.js';
import { HealthController } from './health.controller.js';

/** Liveness, readiness and the dependency report (`/health`, `/health/live`, `/health/ready`). */
@Module({
  // Terminus would log every failed check; the dependency states log each outage once instead.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DependencyHealthService],
})
export class HealthModule {}
