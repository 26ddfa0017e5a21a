import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  ApiKeyResponse,
  AuditEntryResponse,
  CreatedApiKeyResponse,
  PairedScreenResponse,
  PairingResponse,
  ScreenResponse,
  UserResponse,
} from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { AccessAdminService } from './access-admin.service.js';
import {
  AuditQueryDto,
  CreateApiKeyDto,
  CreateScreenDto,
  CreateUserDto,
  PairDto,
  UpdateUserDto,
} from './dto/access.dto.js';

@ApiTags('access')
@Controller('api/v1')
export class AccessAdminController {
  constructor(private readonly admin: AccessAdminService) {}

  @Post('users')
  @Access('admin')
  createUser(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.admin.createUser(p, dto);
  }

  @Get('users')
  @Access('admin')
  users(): Promise<UserResponse[]> {
    return this.admin.users();
  }

  @Patch('users/:id')
  @Access('admin')
  updateUser(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.admin.updateUser(p, id, dto);
  }

  /** Creates an ingest key; the key is in this answer only. */
  @Post('api-keys')
  @Access('admin')
  createKey(@CurrentPrincipal() p: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.admin.createKey(p, dto);
  }

  @Get('api-keys')
  @Access('admin')
  keys(): Promise<ApiKeyResponse[]> {
    return this.admin.keys();
  }

  @Post('api-keys/:id/revoke')
  @Access('admin')
  @HttpCode(200)
  revokeKey(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ApiKeyResponse> {
    return this.admin.revokeKey(p, id);
  }

  /** Creates a display screen with a pairing code for its TV. */
  @Post('screens')
  @Access('admin')
  createScreen(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateScreenDto,
  ): Promise<ScreenResponse & { pairing: PairingResponse }> {
    return this.admin.createScreen(p, dto);
  }

  @Get('screens')
  @Access('admin')
  screens(): Promise<ScreenResponse[]> {
    return this.admin.screens();
  }

  @Post('screens/:id/pairing-code')
  @Access('admin')
  pairingCode(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PairingResponse> {
    return this.admin.pairingCode(p, id);
  }

  /** Revokes a screen: its token stops working and its open connections close within seconds. */
  @Post('screens/:id/revoke')
  @Access('admin')
  @HttpCode(200)
  revokeScreen(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ScreenResponse> {
    return this.admin.revokeScreen(p, id);
  }

  /** The TV opens the pairing URL and trades its code for the screen's token (once). */
  @Post('screens/pair')
  @Access('public')
  @HttpCode(200)
  pair(@Body() dto: PairDto): Promise<PairedScreenResponse> {
    return this.admin.pair(dto.code);
  }

  @Get('audit')
  @Access('audit.read')
  auditLog(@CurrentPrincipal() p: Principal, @Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    return this.admin.auditLog(p, query.limit ?? 200);
  }
}
