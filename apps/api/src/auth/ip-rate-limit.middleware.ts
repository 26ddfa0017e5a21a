import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorResponse } from '#contracts';
import { RateLimitedError, RateLimitService } from './rate-limit.service.js';

/**
 * Per-address budgets taken before anything else runs (token lookup, body validation): ingest, and the
 * routes that take no token (TV pairing and device polls, token refresh), so unauthenticated floods are
 * cut early; starting a TV pairing (which stores a row) has a tighter budget of its own.
 */
@Injectable()
export class IpRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limits: RateLimitService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const ip = request.ip ?? 'unknown';
    const path = request.originalUrl.split('?')[0] ?? '';
    const check = path.startsWith('/api/v1/events')
      ? this.limits.ingestFrom(ip)
      : path === '/api/v1/screens/device'
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
