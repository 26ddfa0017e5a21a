import { Module } from '@nestjs/common';
import { BoardService } from './board.service.js';
import { DevicePairingService } from './device-pairing.service.js';
import { ScreensController } from './screens.controller.js';

/** TV boards: a screen's board and settings, and device pairing. */
@Module({
  controllers: [ScreensController],
  providers: [BoardService, DevicePairingService],
})
export class BoardsModule {}
