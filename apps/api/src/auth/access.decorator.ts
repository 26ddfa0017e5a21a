import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Permission, Principal } from '#domain';

export const ACCESS_METADATA = 'podium:access';

/**
 * The permission a route needs. Every route has one: the guard refuses a route without it (and the
 * role x route matrix test fails), so a new route is never open by accident.
 */
export const Access = (permission: Permission) => SetMetadata(ACCESS_METADATA, permission);

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The caller, as the access guard resolved it. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? { kind: 'anonymous' },
);
