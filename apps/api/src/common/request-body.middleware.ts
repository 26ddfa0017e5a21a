import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { parseJsonBody } from './input-shape.js';
import { routeBounds } from './route-bounds.js';

/** `512kb` or `2mb` (the formats BODY_LIMIT accepts) in bytes. */
export function limitBytes(limit: string): number {
  const match = /^(\d+)(kb|mb)$/.exec(limit);
  if (match === null) throw new Error(`not a body limit: ${limit}`);
  return Number(match[1]) * (match[2] === 'mb' ? 1024 * 1024 : 1024);
}

/**
 * Reads a JSON body as text with the limit of its route (`ROUTE_INPUT_BOUNDS`, never more than
 * BODY_LIMIT), checks the route's shape bounds on the text before parsing it, then refuses, with the
 * path of each problem, reserved keys and text PostgreSQL cannot store, before any validation or write
 * runs. Registered after the per-address rate limits, so a flood of hostile bodies is cut before it is
 * even read.
 */
@Injectable()
export class RequestBodyMiddleware implements NestMiddleware {
  private readonly bodyLimit: number;
  /** One reader per distinct limit. */
  private readonly readers = new Map<number, RequestHandler>();

  constructor(@Inject(PODIUM_CONFIG) config: PodiumConfig) {
    this.bodyLimit = limitBytes(config.bodyLimit);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const bounds = routeBounds(request.method, request.path);
    const limit = Math.min(bounds.bodyBytes ?? this.bodyLimit, this.bodyLimit);
    this.reader(limit)(request, response, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      // No JSON body: the route's validation says what is missing.
      const text: unknown = request.body;
      if (typeof text !== 'string') {
        request.body = undefined;
        next();
        return;
      }
      try {
        request.body = text.trim() === '' ? undefined : parseJsonBody(text, bounds);
        next();
      } catch (problem) {
        next(problem);
      }
    });
  }

  private reader(limit: number): RequestHandler {
    let reader = this.readers.get(limit);
    if (reader === undefined) {
      reader = express.text({ type: ['application/json', 'application/*+json'], limit });
      this.readers.set(limit, reader);
    }
    return reader;
  }
}
