import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { MeResponse, SessionResponse } from '#contracts';
import type { Principal } from '#domain';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { NoStore } from '../common/no-store.decorator.js';
import { Access, CurrentPrincipal } from './access.decorator.js';
import { bearerOf } from './access.guard.js';
import { AuthService } from './auth.service.js';
import { MeResponseDto, SessionResponseDto } from './dto/auth-response.dto.js';
import { LoginDto, RefreshDto, UpdateMeDto } from './dto/auth.dto.js';

/** 401 of a route that needs a user's session. */
const NO_SESSION = {
  description: '`auth.unauthenticated`: no bearer token, or an unknown, expired or revoked one.',
  type: ErrorResponseDto,
};
/** 403 of a route for users only. */
const NOT_A_USER = {
  description: '`auth.forbidden`: the token is an API key or a screen token, not a user session.',
  type: ErrorResponseDto,
};

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password for a session; repeated failures lock the account (429 with Retry-After). */
  @ApiOperation({
    summary: 'Log in',
    description:
      'Email and password for a session: an access token (15 minutes by default) and a refresh token ' +
      '(30 days by default). Logins are limited per address, and repeated failures lock the account ' +
      'for a while: both answer 429 with Retry-After.',
  })
  @ApiOkResponse({ description: 'A new session.', type: SessionResponseDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse({
    description: '`auth.invalid_credentials`: the email or the password is wrong, or the user is disabled.',
    type: ErrorResponseDto,
  })
  @ApiTooManyRequestsResponse({
    description: '`rate.limited`: too many login attempts from this address, or the account is locked.',
    headers: {
      'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', example: 60 } },
    },
    type: ErrorResponseDto,
  })
  @Post('auth/login')
  @Access('public')
  @NoStore()
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<SessionResponse> {
    return this.auth.login(dto.email, dto.password);
  }

  /** Trades a refresh token for a new session; the old tokens stop working. */
  @ApiOperation({
    summary: 'Refresh a session',
    description: 'Trades a refresh token for a new session; the old access and refresh tokens stop working.',
  })
  @ApiOkResponse({ description: 'A new session.', type: SessionResponseDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse({
    description:
      '`auth.unauthenticated`: the refresh token is unknown, used, expired or revoked, or the user is ' +
      'disabled: log in again.',
    type: ErrorResponseDto,
  })
  @Post('auth/refresh')
  @Access('public')
  @NoStore()
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<SessionResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Revokes the caller's session. */
  @ApiOperation({
    summary: 'Log out',
    description: "Revokes the caller's session: its access and refresh tokens stop working.",
  })
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session is revoked; no body.' })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NOT_A_USER)
  @Post('auth/logout')
  @Access('self')
  @HttpCode(204)
  async logout(@Req() request: Request): Promise<void> {
    const token = bearerOf(request.headers.authorization);
    if (token !== null) await this.auth.logout(token);
  }

  @ApiOperation({ summary: 'The logged-in user', description: 'Role, managed teams and rep.' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NOT_A_USER)
  @Get('me')
  @Access('self')
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }

  /** A rep hides from (or shows again on) office TVs. */
  @ApiOperation({
    summary: 'Hide from office TVs',
    description:
      'Rep users only: hide from (or show again on) office TVs. A hidden rep still competes and still ' +
      'sees their own rank.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'The user as stored.', type: MeResponseDto })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, or the user is not a rep user.',
    type: ErrorResponseDto,
  })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NOT_A_USER)
  @Patch('me')
  @Access('self')
  updateMe(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateMeDto): Promise<MeResponse> {
    return this.auth.setHidden(principal, dto.hiddenFromTv);
  }
}
