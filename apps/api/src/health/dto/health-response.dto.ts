import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One dependency's state in a health answer. */
export class DependencyStatusDto {
  @ApiProperty({
    enum: ['up', 'degraded', 'down'],
    description: '`degraded`: down, but Podium serves without it (Redis or the queue, in `/health`).',
  })
  readonly status: 'up' | 'degraded' | 'down';

  @ApiPropertyOptional({ description: 'How long the check took, in milliseconds.', example: 2 })
  readonly responseTime?: number;

  @ApiPropertyOptional({ description: 'Why the check failed.', example: 'timeout of 500ms exceeded' })
  readonly message?: string;

  @ApiPropertyOptional({ description: 'The queue backend (queue only).', enum: ['redis', 'postgres'] })
  readonly backend?: string;

  @ApiPropertyOptional({ description: 'Jobs waiting in the scoring queue (queue only).', example: 0 })
  readonly waiting?: number;
}

const BY_DEPENDENCY = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(DependencyStatusDto) },
  example: { database: { status: 'up', responseTime: 2 }, redis: { status: 'up', responseTime: 1 } },
} as const;

/** `GET /health`: what this process runs, and each dependency's state. */
export class HealthResponseDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error', 'shutting_down'],
    description:
      '`ok`: every dependency is up. `degraded`: Redis or the queue is down and Podium serves without it ' +
      '(ingest waits for the enqueue timeout, about 2 s, and the sweep scores the events). `error`: the ' +
      'database is down (503). `shutting_down`: the process is stopping (503).',
  })
  readonly status: 'ok' | 'degraded' | 'error' | 'shutting_down';

  @ApiProperty({ description: 'What this process runs: `api`, or `all` (api and worker).', example: 'all' })
  readonly role: string;

  @ApiProperty({ description: 'The queue backend.', enum: ['redis', 'postgres'] })
  readonly queue: string;

  @ApiProperty({ ...BY_DEPENDENCY, description: 'Each dependency: `database`, `redis` (if used), `queue`.' })
  readonly details: Record<string, DependencyStatusDto>;
}

/** `GET /health/ready`: the standard health-check answer of @nestjs/terminus. */
export class ReadinessResponseDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  readonly status: 'ok' | 'error' | 'shutting_down';

  @ApiProperty({ ...BY_DEPENDENCY, description: 'The dependencies that are up.' })
  readonly info: Record<string, DependencyStatusDto>;

  @ApiProperty({ ...BY_DEPENDENCY, description: 'The dependencies that are down.' })
  readonly error: Record<string, DependencyStatusDto>;

  @ApiProperty({ ...BY_DEPENDENCY, description: 'Every dependency.' })
  readonly details: Record<string, DependencyStatusDto>;
}

/** `GET /health/live`: the process answers. */
export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status: 'ok';
}
