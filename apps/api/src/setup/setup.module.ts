import { Module } from '@nestjs/common';
import { SetupController } from './setup.controller.js';
import { SetupService } from './setup.service.js';

/** The first run in the browser: the one-time setup link that creates the first admin. */
@Module({ controllers: [SetupController], providers: [SetupService], exports: [SetupService] })
export class SetupModule {}
