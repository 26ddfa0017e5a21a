import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module.js';
import { EventsModule } from '../events/events.module.js';
import { ManualAdjustmentsController } from './manual-adjustments.controller.js';
import { ManualAdjustmentsService } from './manual-adjustments.service.js';

@Module({
  imports: [ContestsModule, EventsModule],
  controllers: [ManualAdjustmentsController],
  providers: [ManualAdjustmentsService],
})
export class ManualAdjustmentsModule {}
