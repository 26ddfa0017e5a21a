import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorResponse } from '#contracts';
import { compileRoutes } from '../common/route-bounds.js';
import { RateLimitedError, RateLimitService } from './rate-limit.service.js';

type Budget = 'login' | 'ingest' | 'public' | 'device';

/** The routes with a per-address budget: ingest, and those that take no token. */
const BUDGETS = compileRoutes<Budget>({
  'POST /api/v1/auth/login': 'login',
  // The first-run setup takes a secret code: guesses are limited like passwords.
  'POST /api/v1/setup': 'login',
  'POST /api/v1/events': 'ingest',
  'POST /api/v1/screens/pair': 'public',
  'POST /api/v1/screens/device': 'device',
  'POST /api/v1/screens/device/token': 'public',
  'POST /api/v1/auth/refresh': 'public',
});

/**
 * Per-address budgets taken before anything else runs (reading the body, token lookup, validation):
 * ingest, login, and the other routes that take no token (TV pairing and device polls, token refresh),
 * so floods of anonymous or hostile requests are cut before they cost anything, and every such request
 * counts, whatever its body; starting a TV pairing (which stores a row) has a tighter budget of its own.
 */
@Injectable()
export class IpRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limits: RateLimitService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const budget = BUDGETS(request.method, request.path);
    if (budget === null) {
      next();
      return;
    }
    const ip = request.ip ?? 'unknown';
    const check =
      budget === 'login'
        ? this.limits.login(ip)
        : budget === 'ingest'
          ? this.limits.ingestFrom(ip)
          : budget === 'device'
            ? this.limits.publicFrom(ip).then(() => this.limits.deviceStartFrom(ip))
            : this.limits.publicFrom(ip);
    check.then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof RateLimitedError)) {
          next(error);
          return;
        }
        // Answered here, in the filter's shape: errors from middleware do not reach Nest's filters.
        const body: ErrorResponse = { statusCode: 429, error: error.code, message: error.message };
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        response.status(429).json(body);
      },
    );
  }
}
