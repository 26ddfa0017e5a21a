import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type {
  ApiKeyResponse,
  AuditEntryResponse,
  CreatedApiKeyResponse,
  PairedScreenResponse,
  PairingResponse,
  PasswordResetResponse,
  ScreenResponse,
  UserResponse,
} from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { NoStore } from '../common/no-store.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { AccessAdminService } from './access-admin.service.js';
import {
  ApiKeyResponseDto,
  AuditEntryResponseDto,
  CreatedApiKeyResponseDto,
  CreatedScreenResponseDto,
  PairedScreenResponseDto,
  PairingResponseDto,
  PasswordResetResponseDto,
  ScreenResponseDto,
  UserResponseDto,
} from './dto/access-response.dto.js';
import {
  AuditQueryDto,
  CreateApiKeyDto,
  CreateScreenDto,
  CreateUserDto,
  PairDto,
  UpdateUserDto,
} from './dto/access.dto.js';

/** 401 of a route that needs a token. */
const NO_TOKEN = {
  description: '`auth.unauthenticated`: no bearer token, or an unknown, expired or revoked one.',
  type: ErrorResponseDto,
};
/** 403 of an admin's route. */
const NOT_ADMIN = {
  description: '`auth.forbidden`: the caller is not an admin (a manager, a rep, an API key or a screen).',
  type: ErrorResponseDto,
};

@ApiTags('access')
@Controller('api/v1')
export class AccessAdminController {
  constructor(private readonly admin: AccessAdminService) {}

  @ApiOperation({
    summary: 'Create a user',
    description:
      'Admins only. A manager may be given the teams they manage; a rep user is linked to its rep (one ' +
      'user per rep).',
  })
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'The user as stored.', type: UserResponseDto })
  @ApiBadRequestResponse({
    description:
      'Every field that breaks a rule (the email is already a user, no such rep or team, `rep` or ' +
      '`teams` for the wrong role); nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Post('users')
  @Access('admin')
  createUser(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.admin.createUser(p, dto);
  }

  @ApiOperation({ summary: 'List users', description: 'Admins only; by email.' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserResponseDto, isArray: true })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Get('users')
  @Access('admin')
  users(): Promise<UserResponse[]> {
    return this.admin.users();
  }

  @ApiOperation({
    summary: 'Change a user',
    description:
      'Admins only. Every field is optional. Disabling the user, a new password or a new role ends ' +
      'every session of the user.',
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The user id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The user as stored.', type: UserResponseDto })
  @ApiBadRequestResponse({
    description:
      'A field breaks a rule (`teams` for a user who is not a manager, `role` rep for a user without ' +
      'a rep, no such team); nothing changes.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no user with this id.', type: ErrorResponseDto })
  @Patch('users/:id')
  @Access('admin')
  updateUser(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.admin.updateUser(p, id, dto);
  }

  @ApiOperation({
    summary: "Reset a user's password",
    description:
      'Admins only. A new random password (20 characters), in this answer only: it is stored as a ' +
      'hash. Every session of the user ends, and a lock from failed logins is lifted. Audited ' +
      '(`user.password_reset`), never with the password.',
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The user id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The user and their new password.', type: PasswordResetResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no user with this id.', type: ErrorResponseDto })
  @Post('users/:id/password-reset')
  @Access('admin')
  @NoStore()
  @HttpCode(200)
  resetPassword(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PasswordResetResponse> {
    return this.admin.resetPassword(p, id);
  }

  /** Creates an ingest key; the key is in this answer only. */
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'Admins only. An ingest key for POST /api/v1/events, optionally limited to some event types. The ' +
      'key is in this answer only: it is stored as a hash.',
  })
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'The key, shown this once.', type: CreatedApiKeyResponseDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule (an unknown event type); nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Post('api-keys')
  @Access('admin')
  @NoStore()
  createKey(@CurrentPrincipal() p: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.admin.createKey(p, dto);
  }

  @ApiOperation({
    summary: 'List API keys',
    description: 'Admins only; newest first, revoked ones included. Never the keys themselves.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: ApiKeyResponseDto, isArray: true })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Get('api-keys')
  @Access('admin')
  keys(): Promise<ApiKeyResponse[]> {
    return this.admin.keys();
  }

  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Admins only. The key stops working within seconds; revoking it again changes nothing.',
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The API key id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The key as stored.', type: ApiKeyResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no API key with this id.', type: ErrorResponseDto })
  @Post('api-keys/:id/revoke')
  @Access('admin')
  @HttpCode(200)
  revokeKey(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ApiKeyResponse> {
    return this.admin.revokeKey(p, id);
  }

  /** Creates a display screen with a pairing code for its TV. */
  @ApiOperation({
    summary: 'Create a display screen',
    description:
      'Admins only. A screen shows a board (a playlist of contests) on an office TV; the answer carries ' +
      'a pairing code for the TV, valid for ten minutes.',
  })
  @ApiBearerAuth()
  @ApiCreatedResponse({
    description: 'The screen as stored, with its pairing code.',
    type: CreatedScreenResponseDto,
  })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule (no contest with an id); nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Post('screens')
  @Access('admin')
  @NoStore()
  createScreen(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateScreenDto,
  ): Promise<ScreenResponse & { pairing: PairingResponse }> {
    return this.admin.createScreen(p, dto);
  }

  @ApiOperation({
    summary: 'List display screens',
    description: 'Admins only; newest first, revoked ones included. Never the tokens themselves.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: ScreenResponseDto, isArray: true })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @Get('screens')
  @Access('admin')
  screens(): Promise<ScreenResponse[]> {
    return this.admin.screens();
  }

  @ApiOperation({
    summary: 'New pairing code for a screen',
    description:
      'Admins only. Valid for ten minutes; replaces any earlier code. Pairing a TV with it replaces the ' +
      "screen's token.",
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The screen id.', format: 'uuid' })
  @ApiCreatedResponse({ type: PairingResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no screen with this id.', type: ErrorResponseDto })
  @Post('screens/:id/pairing-code')
  @Access('admin')
  @NoStore()
  pairingCode(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PairingResponse> {
    return this.admin.pairingCode(p, id);
  }

  /** Revokes a screen: its token stops working and its open connections close within seconds. */
  @ApiOperation({
    summary: 'Revoke a display screen',
    description:
      'Admins only. Its token and any pairing code stop working and its open connections close within ' +
      'seconds; revoking it again changes nothing.',
  })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'The screen id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The screen as stored.', type: ScreenResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_ADMIN)
  @ApiNotFoundResponse({ description: '`not_found`: no screen with this id.', type: ErrorResponseDto })
  @Post('screens/:id/revoke')
  @Access('admin')
  @HttpCode(200)
  revokeScreen(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ScreenResponse> {
    return this.admin.revokeScreen(p, id);
  }

  /** The TV opens the pairing URL and trades its code for the screen's token (once). */
  @ApiOperation({
    summary: 'Pair a TV',
    description:
      "No token needed: the TV opens the pairing URL and trades its code for the screen's token. A code " +
      'works once.',
  })
  @ApiOkResponse({ description: "The screen's token, shown this once.", type: PairedScreenResponseDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule.', type: ErrorResponseDto })
  @ApiNotFoundResponse({
    description: '`not_found`: the pairing code is unknown, used or expired, or the screen is revoked.',
    type: ErrorResponseDto,
  })
  @Post('screens/pair')
  @Access('public')
  @NoStore()
  @HttpCode(200)
  pair(@Body() dto: PairDto): Promise<PairedScreenResponse> {
    return this.admin.pair(dto.code);
  }

  @ApiOperation({
    summary: 'The audit log',
    description:
      'Newest first: the recorded changes to users, API keys, screens, contests, teams and results, ' +
      'with who made them. Admins see every entry, managers the entries of their teams. Filters (all ' +
      'optional, combined with "and"): who (`actor`), what (`action`, `entity`) and when (`from`, `to`).',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: AuditEntryResponseDto, isArray: true })
  @ApiBadRequestResponse({ description: 'A query parameter breaks a rule.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse({
    description: '`auth.forbidden`: the caller is not an admin or a manager.',
    type: ErrorResponseDto,
  })
  @Get('audit')
  @Access('audit.read')
  auditLog(@CurrentPrincipal() p: Principal, @Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    return this.admin.auditLog(p, query);
  }
}
