import {
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { QueueFactory } from '#runtime';
import { Access } from '../auth/access.decorator.js';
import { DependencyHealthService, type DependencyKey } from './dependency-health.service.js';
import {
  DependencyStatusDto,
  HealthResponseDto,
  LivenessResponseDto,
  ReadinessResponseDto,
} from './dto/health-response.dto.js';

/** Health answers are about this moment: never stored by a cache or a proxy. */
const NO_STORE = 'no-store';

/**
 * Health for load balancers, orchestrators and people on call (docs/OPERATIONS.md):
 * - `/health/live`: the process answers (no dependency is checked), for restarts;
 * - `/health/ready`: every dependency it serves with answers within 500 ms, for routing traffic; 503 otherwise;
 * - `/health`: each dependency's state; 200 `ok` or `degraded` (Redis or the queue down: Podium still
 *   accepts events), 503 when the database is down.
 */
@ApiTags('health')
@ApiExtraModels(DependencyStatusDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealthService,
    private readonly queues: QueueFactory,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  @ApiOperation({
    summary: 'Dependency report',
    description:
      "What this process runs and each dependency's state, each checked within 500 ms. 200 with `ok`, or " +
      '`degraded` while Redis or the queue is down (events are still accepted; ingest takes about 2 s ' +
      'longer); 503 while the database is down.',
  })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({
    description: 'The database is down, or the process is shutting down.',
    type: HealthResponseDto,
  })
  @Get()
  @Access('public')
  @Header('Cache-Control', NO_STORE)
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponseDto> {
    // Only the database is required here: without Redis or the queue, Podium serves degraded.
    const result = await this.run(
      response,
      this.dependencies.keys().map((key) => () => this.degradedUnlessDatabase(key)),
    );
    return {
      status: result.status,
      role: this.config.role,
      queue: this.queues.backend,
      details: result.details,
    };
  }

  @ApiOperation({
    summary: 'Liveness',
    description: 'The process answers. Checks no dependency: a database outage must not restart Podium.',
  })
  @ApiOkResponse({ type: LivenessResponseDto })
  @Get('live')
  @Access('public')
  @Header('Cache-Control', NO_STORE)
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }

  @ApiOperation({
    summary: 'Readiness',
    description:
      'Every dependency this process serves with (PostgreSQL, Redis when configured, the scoring queue) ' +
      'answers within 500 ms. 503 when one does not, or while the process shuts down.',
  })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down, or the process is shutting down.',
    type: ReadinessResponseDto,
  })
  @Get('ready')
  @Access('public')
  @Header('Cache-Control', NO_STORE)
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessResponseDto> {
    const result = await this.run(
      response,
      this.dependencies.keys().map((key) => () => this.dependencies.check(key)),
    );
    return {
      status: result.status === 'degraded' ? 'ok' : result.status,
      info: (result.info ?? {}) as Record<string, DependencyStatusDto>,
      error: (result.error ?? {}) as Record<string, DependencyStatusDto>,
      details: result.details,
    };
  }

  /** Runs the checks; a failed check answers 503 with the same body shape. */
  private async run(
    response: Response,
    checks: (() => Promise<HealthIndicatorResult>)[],
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      response.setHeader('Retry-After', '1');
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async degradedUnlessDatabase(key: DependencyKey): Promise<HealthIndicatorResult> {
    const result = await this.dependencies.check(key);
    const outcome = result[key];
    if (key === 'database' || outcome === undefined || outcome.status !== 'down') return result;
    return { [key]: { ...outcome, status: 'degraded' } };
  }
}
