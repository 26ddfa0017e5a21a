import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { IngestEventsUseCase } from './ingest-events.use-case.js';

@Module({
  controllers: [EventsController],
  providers: [IngestEventsUseCase],
  exports: [IngestEventsUseCase],
})
export class EventsModule {}
