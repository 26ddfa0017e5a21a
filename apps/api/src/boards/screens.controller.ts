import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { BoardResponse, DeviceStartResponse, DeviceTokenResponse, ScreenResponse } from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { ScreenResponseDto } from '../access/dto/access-response.dto.js';
import { BoardService } from './board.service.js';
import { DevicePairingService } from './device-pairing.service.js';
import {
  BoardResponseDto,
  DeviceStartResponseDto,
  DeviceTokenResponseDto,
} from './dto/board-response.dto.js';
import { DeviceTokenDto, LinkScreenDto, UpdateScreenDto } from './dto/screens.dto.js';

const NO_TOKEN = {
  description: '`auth.unauthenticated`: no bearer token, or an unknown, expired or revoked one.',
  type: ErrorResponseDto,
};
const NOT_ADMIN = {
  description: '`auth.forbidden`: the caller is not an admin (a manager, a rep, an API key or a screen).',
  type: ErrorResponseDto,
};
const TOO_MANY = {
  description: '`rate.limited`: too many requests from this address.',
  type: ErrorResponseDto,
};

/** TV boards: what a screen draws, its settings, and pairing a TV by the code it shows. */
@ApiTags('boards')
@Controller('api/v1')
export class ScreensController {
  constructor(
    private readonly boards: BoardService,
    private readonly devices: DevicePairingService,
  ) {}

  @ApiOperation({
    summary: "The calling screen's board",
    description:
      "A screen's token only. Its name, settings (slide time, top N, theme, language, celebrations, the " +
      "big-deal threshold, how long winners stay) and its playlist's contests with their unit, target and " +
      'prizes. Standings come over the websocket. `version` moves with every change (`board.changed`).',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: BoardResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse({
    description: '`auth.forbidden`: the caller is not a screen.',
    type: ErrorResponseDto,
  })
  @Get('board')
  @Access('board')
  board(@CurrentPrincipal() p: Principal): Promise<BoardResponse> {
    return this.boards.board(p);
  }

  @ApiOperation({
    summary: 'Change a display screen',
    description:
      'Admins only. Name, playlist (`contestIds`), `topN` and `settings`; absent fields stay as they are, ' +
      'settings merge field by field (`bigDeal: null` turns big-deal celebrations off). Audited; the TV ' +
      'hears of it at once (`board.changed`) and refetches its board.',
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The screen id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The screen as stored.', type: ScreenResponseDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule; nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no screen with this id.', type: ErrorResponseDto })
  @Patch('screens/:id')
  @Access('admin')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateScreenDto,
  ): Promise<ScreenResponse> {
    return this.boards.update(p, id, dto);
  }

  @ApiOperation({
    summary: 'Start pairing a TV (device authorization)',
    description:
      'No token needed; rate-limited per address. The TV gets a secret `deviceCode` to poll with and a ' +
      'short `userCode` to show; both work for ten minutes, once (RFC 8628).',
  })
  @ApiOkResponse({ type: DeviceStartResponseDto })
  @ApiTooManyRequestsResponse(TOO_MANY)
  @Post('screens/device')
  @Access('public')
  @HttpCode(200)
  startDevice(): Promise<DeviceStartResponse> {
    return this.devices.start();
  }

  @ApiOperation({
    summary: 'Poll for the TV token',
    description:
      'No token needed; rate-limited per address. Always 200 with a `status`: `pending` until an admin ' +
      'links the code, `slow_down` when polled faster than `intervalSeconds`, `expired` for an unknown, ' +
      "used or expired code, `paired` with the screen's token (answered once).",
  })
  @ApiOkResponse({ type: DeviceTokenResponseDto })
  @ApiBadRequestResponse({ description: '`deviceCode` is missing or not a string.', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse(TOO_MANY)
  @Post('screens/device/token')
  @Access('public')
  @HttpCode(200)
  deviceToken(@Body() dto: DeviceTokenDto): Promise<DeviceTokenResponse> {
    return this.devices.token(dto.deviceCode);
  }

  @ApiOperation({
    summary: 'Link a waiting TV to a screen',
    description:
      "Admins only. `userCode` is the code the TV shows; the TV's next poll receives the screen's token " +
      "(replacing the screen's earlier token).",
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The screen id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The screen the TV is linked to.', type: ScreenResponseDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({
    description: '`not_found`: no screen with this id, or the code is unknown, used or expired.',
    type: ErrorResponseDto,
  })
  @ApiConflictResponse({ description: '`screen.revoked`: the screen is revoked.', type: ErrorResponseDto })
  @Post('screens/:id/link')
  @Access('admin')
  @HttpCode(200)
  link(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: LinkScreenDto,
  ): Promise<ScreenResponse> {
    return this.devices.link(p, id, dto.userCode);
  }
}
