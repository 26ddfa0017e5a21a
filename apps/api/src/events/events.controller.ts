import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { ForbiddenError } from '../auth/access.guard.js';
import { RateLimitService } from '../auth/rate-limit.service.js';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
  ApiBearerAuth,
} from '@nestjs/swagger';
import type { IngestResponse } from '#contracts';
import {
  assertNoProblems,
  DomainError,
  InvalidInputError,
  mayIngest,
  type FieldProblem,
  type Principal,
} from '#domain';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { checkBody, uniqueProblems } from '../common/validation.js';
import { IngestResponseDto } from './dto/ingest-response.dto.js';
import { MAX_BATCH, SalesEventBatchDto, SalesEventDto } from './dto/sales-event.dto.js';
import { IngestEventsUseCase } from './ingest-events.use-case.js';

@ApiTags('events')
@ApiExtraModels(SalesEventDto, SalesEventBatchDto)
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly ingest: IngestEventsUseCase,
    private readonly limits: RateLimitService,
  ) {}

  /**
   * One event (the event object as the body) or a batch (`{ "events": [...] }`, up to 1,000).
   * 202: every event is durable in the ledger; scoring follows asynchronously.
   */
  @ApiOperation({
    summary: 'Post sales events',
    description:
      'One event as the body, or `{ "events": [...] }` with 1 to 1,000 events. The whole request is ' +
      'checked first: on any problem nothing is written.',
  })
  @ApiBody({
    description: 'One event, or a batch.',
    schema: { oneOf: [{ $ref: getSchemaPath(SalesEventDto) }, { $ref: getSchemaPath(SalesEventBatchDto) }] },
  })
  @ApiAcceptedResponse({
    description: 'Every written event is durable in the ledger; scoring follows asynchronously.',
    type: IngestResponseDto,
  })
  @ApiBadRequestResponse({
    description: 'The whole request is refused and nothing is written; `problems` names every field.',
    type: ErrorResponseDto,
  })
  @ApiConflictResponse({
    description:
      '`event.conflict`: a single event (not a batch) whose source, id and revision are already stored ' +
      'with different content; nothing was written. A batch reports this per item, with 202.',
    type: ErrorResponseDto,
  })
  @ApiPayloadTooLargeResponse({ description: 'The body is over `BODY_LIMIT`.', type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({
    description:
      'The same new events were being written by other requests and the ledger stayed busy: send again.',
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', example: 1 } } },
    type: ErrorResponseDto,
  })
  @Post()
  @Access('ingest')
  @HttpCode(HttpStatus.ACCEPTED)
  async post(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<IngestResponse> {
    // The per-address budget was taken before the guard (IpRateLimitMiddleware); this is the key's.
    await this.limits.ingest(
      principal.kind === 'ingest'
        ? principal.keyId
        : principal.kind === 'user'
          ? principal.userId
          : 'anonymous',
    );
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InvalidInputError([
        { path: '(body)', reason: 'must be a JSON object: one event, or { "events": [ ... ] }' },
      ]);
    }
    // The whole request is checked, wire shape and rules, and every problem reported before any write.
    if ('events' in body) {
      // An item that is not an object (an array, a string, null) is no event: named before the rest.
      if (Array.isArray(body.events) && body.events.length <= MAX_BATCH) {
        assertNoProblems(
          (body.events as unknown[]).flatMap((item, i) =>
            typeof item === 'object' && item !== null && !Array.isArray(item)
              ? []
              : [{ path: `events[${i}]`, reason: 'must be an event object' }],
          ),
        );
      }
      const batch = checkBody(SalesEventBatchDto, body);
      // Over the limit, the count is the problem to report, not each of thousands of items.
      const items =
        Array.isArray(body.events) && body.events.length <= MAX_BATCH ? (body.events as unknown[]) : [];
      const rules = this.ingest.ruleProblems(items, (i) => `events[${i}].`);
      assertNoProblems(uniqueProblems([...batch.problems, ...rules]));
      assertTypesAllowed(principal, items, (i) => `events[${i}].type`);
      return this.ingest.execute(batch.value.events);
    }
    const event = checkBody(SalesEventDto, body);
    assertNoProblems(uniqueProblems([...event.problems, ...this.ingest.ruleProblems([body], () => '')]));
    assertTypesAllowed(principal, [body], () => 'type');
    const answer = await this.ingest.execute([event.value]);
    // A batch reports a conflict per item (202); a single event's refused correction is the answer.
    const [result] = answer.results;
    if (result?.status === 'conflict')
      throw new EventConflictError(result.source, result.id, event.value.revision ?? 1);
    return answer;
  }
}

/** A single event whose revision is already stored with other content: nothing was written. */
export class EventConflictError extends DomainError {
  readonly code = 'event.conflict';
  readonly problems: readonly FieldProblem[];

  constructor(source: string, id: string, revision: number) {
    super(
      `event ${source}/${id} revision ${revision} is already stored with different content: ` +
        'send the change with a higher revision',
    );
    this.problems = [{ path: 'revision', reason: `${revision} is already stored with different content` }];
  }
}

/** An API key limited to some event types refuses a request holding any other (nothing is written). */
function assertTypesAllowed(
  principal: Principal,
  items: readonly unknown[],
  path: (i: number) => string,
): void {
  const refused = items.flatMap((item, i) => {
    const type = (item as { type?: unknown }).type;
    return typeof type === 'string' && !mayIngest(principal, type) ? [`${path(i)} ${type}`] : [];
  });
  if (refused.length > 0) {
    throw new ForbiddenError(
      `this API key may not post these event types: ${refused.slice(0, 20).join(', ')}`,
    );
  }
}
