import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorResponse } from '#contracts';
import { DomainError, InvalidInputError } from '#domain';
import { DependencyStates, unavailableDependency } from '#runtime';

const DOMAIN_STATUS: Record<string, number> = {
  'input.invalid': HttpStatus.BAD_REQUEST,
  'contest.not_found': HttpStatus.NOT_FOUND,
  not_found: HttpStatus.NOT_FOUND,
  'contest.draft': HttpStatus.CONFLICT,
  'contest.status': HttpStatus.CONFLICT,
  'contest.rules_locked': HttpStatus.CONFLICT,
  'contest.not_live': HttpStatus.CONFLICT,
  'contest.pause_state': HttpStatus.CONFLICT,
  'period.not_final': HttpStatus.CONFLICT,
  'event.conflict': HttpStatus.CONFLICT,
  'manual_adjustment.retracted': HttpStatus.CONFLICT,
  'auth.unauthenticated': HttpStatus.UNAUTHORIZED,
  'auth.invalid_credentials': HttpStatus.UNAUTHORIZED,
  'auth.forbidden': HttpStatus.FORBIDDEN,
  'rate.limited': HttpStatus.TOO_MANY_REQUESTS,
  'screen.revoked': HttpStatus.CONFLICT,
  'setup.closed': HttpStatus.CONFLICT,
  'setup.invalid_code': HttpStatus.FORBIDDEN,
  'rep.reviewed': HttpStatus.CONFLICT,
};

interface BodyParserError {
  type: string;
  status: number;
  message: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

/**
 * The one place errors become HTTP answers: domain codes map to statuses, body-parser failures to
 * 400/413 with a reason, a lost database or Redis to 503 with Retry-After (the request wrote nothing
 * and may be sent again), anything unknown to 500 with an error id that is also logged.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  constructor(private readonly states: DependencyStates) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode === 503) response.setHeader('Retry-After', '1');
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorResponse {
    const cause = exception instanceof HttpException ? exception.getResponse() : exception;
    if (cause instanceof InvalidInputError) {
      return { statusCode: 400, error: 'Bad Request', message: cause.message, problems: cause.problems };
    }
    if (cause instanceof DomainError) {
      const statusCode = DOMAIN_STATUS[cause.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      const problems = (cause as { problems?: ErrorResponse['problems'] }).problems;
      return { statusCode, error: cause.code, message: cause.message, ...(problems ? { problems } : {}) };
    }
    // Express's body parser fails before any controller; Nest hands its error over as the cause.
    const parser = exception instanceof HttpException ? exception.cause : exception;
    if (isBodyParserError(parser)) {
      if (parser.type === 'entity.too.large') {
        return {
          statusCode: 413,
          error: 'Payload Too Large',
          message: `the request body is larger than the limit of ${parser.limit ?? '?'} bytes of this route (ingest: send smaller batches)`,
          problems: [{ path: '(body)', reason: `must be at most ${parser.limit ?? '?'} bytes` }],
        };
      }
      if (parser.type === 'entity.parse.failed') {
        return {
          statusCode: 400,
          error: 'Bad Request',
          message: `the body is not valid JSON: ${parser.message}`,
          problems: [{ path: '(body)', reason: 'must be valid JSON (an object)' }],
        };
      }
      return {
        statusCode: parser.status,
        error: STATUS_CODES[parser.status] ?? 'Bad Request',
        message: parser.message,
        problems: [{ path: '(body)', reason: parser.message }],
      };
    }
    // Express fails to decode a path parameter with a broken percent-encoding (`%E0%A4%A`).
    if (parser instanceof URIError) {
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: 'a path parameter is not valid percent-encoded UTF-8',
        problems: [{ path: '(path)', reason: 'must be valid percent-encoded UTF-8' }],
      };
    }
    if (exception instanceof HttpException) {
      const r = exception.getResponse();
      const detail = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      const message = Array.isArray(detail)
        ? detail.join('; ')
        : typeof detail === 'string'
          ? detail
          : exception.message;
      const statusCode = exception.getStatus();
      return { statusCode, error: STATUS_CODES[statusCode] ?? exception.name, message };
    }
    const dependency = unavailableDependency(exception);
    if (dependency !== null) {
      // Logged once per outage by the dependency's state, not once per request.
      this.states[dependency].failed('request', exception);
      const what = dependency === 'database' ? 'the database' : 'Redis';
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `${what} is unavailable: nothing was written; retry in a few seconds`,
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      `unhandled error ${errorId}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return { statusCode: 500, error: 'Internal Server Error', message: 'unexpected error', errorId };
  }
}
