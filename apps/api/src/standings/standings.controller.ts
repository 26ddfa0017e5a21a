import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { contestBoardView, type Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { BoardsAccess } from './boards-access.service.js';
import { aroundFor, topFor } from './board-view.js';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPropertyOptional,
  ApiTags,
  ApiBearerAuth,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ScoreExplanation, StandingsResponse } from '#contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { IsIsoInstant, parseIsoInstant } from '../common/iso-instant.js';
import { ContestsService, scopeOf } from '../contests/contests.service.js';
import { ScoreExplanationDto, StandingsResponseDto } from './dto/standings-response.dto.js';
import { MAX_TOP, StandingsReaderService, type BoardSnapshot } from './standings-reader.service.js';
import { Optional } from '../common/validation.js';

export class StandingsQueryDto {
  @ApiPropertyOptional({
    description: 'How many entries from the top.',
    type: 'integer',
    minimum: 1,
    maximum: MAX_TOP,
    default: 10,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  top?: number;

  /** Any instant inside the wanted period (default: now). */
  @ApiPropertyOptional({
    description: 'Any instant inside the wanted period, ISO-8601 with an offset (default: now).',
    format: 'date-time',
    example: '2026-11-27T09:30:00+01:00',
  })
  @Optional()
  @IsIsoInstant()
  at?: string;

  /** On a contest with divisions: the division's key (team key or role); default: the first. */
  @ApiPropertyOptional({
    description: "On a contest with divisions: the division's key (team key or role); default: the first.",
    maxLength: 200,
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  division?: string;
}

export class AroundQueryDto {
  @ApiPropertyOptional({
    description: 'Any instant inside the wanted period, ISO-8601 with an offset (default: now).',
    format: 'date-time',
    example: '2026-11-27T09:30:00+01:00',
  })
  @Optional()
  @IsIsoInstant()
  at?: string;
}

@ApiTags('standings')
@ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
@ApiBadRequestResponse({ description: 'A query parameter breaks a rule.', type: ErrorResponseDto })
@ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
@ApiConflictResponse({ description: '`contest.draft`: a draft is on no board.', type: ErrorResponseDto })
@ApiBearerAuth()
@Controller('api/v1/contests/:id/standings')
export class StandingsController {
  constructor(
    private readonly reader: StandingsReaderService,
    private readonly contests: ContestsService,
    private readonly boards: BoardsAccess,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  /** The top N of the board (default 10). */
  @ApiOperation({
    summary: 'The top of the board',
    description:
      'The top N (default 10) of the period containing `at`, as the caller may see it: every line for ' +
      'admins and managers of the contest; for everyone else the public board (at most the public top N, ' +
      'never the lower half; on screens without the reps who hide from TVs) and their own lines.',
  })
  @ApiOkResponse({ type: StandingsResponseDto })
  @Get()
  @Access('standings.read')
  async top(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: StandingsQueryDto,
  ): Promise<StandingsResponse> {
    const contest = await this.contests.get(id, principal);
    const view = contestBoardView(principal, scopeOf(contest), this.config.publicTopN);
    const s = await this.reader.snapshot(
      id,
      query.top ?? 10,
      null,
      query.at === undefined ? null : parseIsoInstant(query.at),
      query.division ?? null,
    );
    return this.response(s, topFor(s, view, query.top ?? 10));
  }

  /**
   * Explain a rep's score: every event of the rep in the period with the points it adds, or why it
   * adds nothing (retracted, type not counted, before the contest, outside the window, filtered out).
   */
  @ApiOperation({
    summary: "Explain a rep's score",
    description:
      "The rep's events of the contest's types in the period, oldest first, each with the points it adds " +
      'or why it adds nothing; `score` is their total, equal to the board.',
  })
  @ApiParam({ name: 'rep', description: "The rep's external id.", example: 'ana' })
  @ApiOkResponse({ type: ScoreExplanationDto })
  @Get('explain/:rep')
  @Access('standings.explain')
  async explain(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('rep') rep: string,
    @Query() query: AroundQueryDto,
  ): Promise<ScoreExplanation> {
    await this.contests.get(id, principal);
    await this.boards.assertSeesRep(principal, rep);
    return this.reader.explain(id, rep, query.at === undefined ? null : parseIsoInstant(query.at));
  }

  /** One rep with the 2 ranks above and the 2 below (by the rep's external id). */
  @ApiOperation({
    summary: 'A rep and their neighbours',
    description:
      'The rep with the 2 entries above and the 2 below; empty when the rep has no score in the period. ' +
      'For the rep and their managers; neighbours only where the caller may see them (the public board, ' +
      'or all of it for admins and managers of the contest).',
  })
  @ApiParam({ name: 'rep', description: "The rep's external id.", example: 'ana' })
  @ApiOkResponse({ type: StandingsResponseDto })
  @Get('around/:rep')
  @Access('rep.results')
  async around(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('rep') rep: string,
    @Query() query: AroundQueryDto,
  ): Promise<StandingsResponse> {
    const contest = await this.contests.get(id, principal);
    await this.boards.assertSeesRep(principal, rep);
    const s = await this.reader.snapshot(
      id,
      0,
      rep,
      query.at === undefined ? null : parseIsoInstant(query.at),
    );
    return this.response(
      s,
      aroundFor(s, contestBoardView(principal, scopeOf(contest), this.config.publicTopN)),
    );
  }

  private response(s: BoardSnapshot, entries: StandingsResponse['entries']): StandingsResponse {
    return {
      contestId: s.contestId,
      version: s.version,
      period: s.period,
      ...(s.divisions.length > 0 ? { division: s.division, divisions: s.divisions } : {}),
      total: s.total,
      entries,
    };
  }
}
