import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessAdminController } from '../access/access-admin.controller.js';
import { AccessAdminService } from '../access/access-admin.service.js';
import { AuditService } from '../access/audit.service.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PrincipalResolverService } from './principal-resolver.service.js';
import { RateLimitService } from './rate-limit.service.js';

/** Who may do what: sessions, keys, screens, the access guard on every route, and the audit log. */
@Global()
@Module({
  controllers: [AuthController, AccessAdminController],
  providers: [
    PrincipalResolverService,
    RateLimitService,
    AuthService,
    AuditService,
    AccessAdminService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PrincipalResolverService, RateLimitService, AuditService, AccessAdminService],
})
export class AuthModule {}
