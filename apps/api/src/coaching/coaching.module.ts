import { Module } from '@nestjs/common';
import { CoachingController } from './coaching.controller.js';
import { CoachingService } from './coaching.service.js';

/** The manager's coaching view: each rep of a team against their own average. */
@Module({ controllers: [CoachingController], providers: [CoachingService] })
export class CoachingModule {}
