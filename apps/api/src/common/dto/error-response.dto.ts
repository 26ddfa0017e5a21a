import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorResponse } from '#contracts';

export class FieldProblemDto {
  @ApiProperty({
    description: 'The field that failed, as a path into the request, e.g. `events[3].occurredAt`.',
    example: 'metric.eventTypes',
  })
  readonly path: string;

  @ApiProperty({ description: 'Why the field was refused.', example: 'must name at least one event type' })
  readonly reason: string;
}

/** The body of every 4xx/5xx answer. */
export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ description: 'The HTTP status, repeated in the body.', type: 'integer', example: 400 })
  readonly statusCode: number;

  @ApiProperty({
    description:
      'The HTTP phrase (`Bad Request`) or, for a rule of Podium, a stable code: `contest.not_found`, ' +
      '`not_found` (404); `contest.draft`, `contest.status`, `contest.rules_locked`, `period.not_final` (409); ' +
      '`auth.unauthenticated`, `auth.invalid_credentials` (401); `auth.forbidden` (403); `rate.limited` (429).',
    example: 'Bad Request',
  })
  readonly error: string;

  @ApiProperty({
    description: 'A sentence for people.',
    example: 'metric.eventTypes: must name at least one event type',
  })
  readonly message: string;

  @ApiPropertyOptional({
    description: 'Every field that failed (on 400 and on `contest.rules_locked`).',
    type: () => FieldProblemDto,
    isArray: true,
  })
  readonly problems?: FieldProblemDto[];

  @ApiPropertyOptional({
    description: 'On a 500: the id under which the error is in the server log.',
    format: 'uuid',
  })
  readonly errorId?: string;
}
