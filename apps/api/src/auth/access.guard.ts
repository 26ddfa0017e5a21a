import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { admits, DomainError, type Permission, type Principal } from '#domain';
import { isUnavailable } from '#runtime';
import { ACCESS_METADATA, type RequestWithPrincipal } from './access.decorator.js';
import { PrincipalResolverService } from './principal-resolver.service.js';

export class UnauthenticatedError extends DomainError {
  readonly code = 'auth.unauthenticated';
  constructor() {
    super('a valid bearer token is required (Authorization: Bearer <token>)');
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'auth.forbidden';
}

/** Why a principal is turned away from a route its kind or role may not use. */
const FORBIDDEN: Record<string, string> = {
  manager: 'this needs an admin',
  rep: 'reps may read their boards and their own results, and change nothing else',
  screen: 'a display screen may only read its own board',
  ingest: 'an API key may only post events',
};

/** The bearer token of a request, or null. */
export function bearerOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * The one gate of every HTTP route: resolves the caller from the bearer token and checks the route's
 * {@link Permission} against the caller's kind and role. A route without a permission is refused (a
 * programming error, logged). Scope (team, contest, board) is checked by the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolverService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    if (permission === undefined) {
      this.logger.error(`route ${request.method} ${request.path} has no access rule`);
      throw new ForbiddenError('this route is closed');
    }
    const token = bearerOf(request.headers.authorization);
    let principal: Principal = { kind: 'anonymous' };
    if (token !== null) {
      // A public route serves anyone, so it does not fail for want of a database to look the token up
      // in (a health probe that sends a token must still get its answer during an outage).
      const resolved = await this.resolver.resolve(token).catch((error: unknown) => {
        if (permission === 'public' && isUnavailable(error)) return null;
        throw error;
      });
      if (resolved === null && permission !== 'public') throw new UnauthenticatedError();
      if (resolved !== null) principal = resolved;
    }
    request.principal = principal;
    if (admits(permission, principal)) return true;
    if (principal.kind === 'anonymous') throw new UnauthenticatedError();
    throw new ForbiddenError(
      FORBIDDEN[principal.kind === 'user' ? principal.role : principal.kind] ?? 'not allowed',
    );
  }
}
