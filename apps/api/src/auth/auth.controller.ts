import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { MeResponse, SessionResponse } from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from './access.decorator.js';
import { bearerOf } from './access.guard.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RefreshDto, UpdateMeDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password for a session; repeated failures lock the account (429 with Retry-After). */
  @Post('auth/login')
  @Access('public')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() request: Request): Promise<SessionResponse> {
    return this.auth.login(dto.email, dto.password, request.ip ?? 'unknown');
  }

  /** Trades a refresh token for a new session; the old tokens stop working. */
  @Post('auth/refresh')
  @Access('public')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<SessionResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Revokes the caller's session. */
  @Post('auth/logout')
  @Access('self')
  @HttpCode(204)
  async logout(@Req() request: Request): Promise<void> {
    const token = bearerOf(request.headers.authorization);
    if (token !== null) await this.auth.logout(token);
  }

  @Get('me')
  @Access('self')
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }

  /** A rep hides from (or shows again on) office TVs. */
  @Patch('me')
  @Access('self')
  updateMe(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateMeDto): Promise<MeResponse> {
    return this.auth.setHidden(principal, dto.hiddenFromTv);
  }
}
