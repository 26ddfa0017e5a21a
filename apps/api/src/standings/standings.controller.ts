import { Controller, Get, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ScoreExplanation, StandingsResponse } from '#contracts';
import { IsIsoInstant, parseIsoInstant } from '../common/iso-instant.js';
import { ContestsService } from '../contests/contests.service.js';
import { MAX_TOP, StandingsReaderService, type BoardSnapshot } from './standings-reader.service.js';

export class StandingsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  top?: number;

  /** Any instant inside the wanted period (default: now). */
  @IsOptional()
  @IsIsoInstant()
  at?: string;

  /** On a contest with divisions: the division's key (team key or role); default: the first. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  division?: string;
}

export class AroundQueryDto {
  @IsOptional()
  @IsIsoInstant()
  at?: string;
}

@Controller('api/v1/contests/:id/standings')
export class StandingsController {
  constructor(
    private readonly reader: StandingsReaderService,
    private readonly contests: ContestsService,
  ) {}

  /** The top N of the board (default 10). */
  @Get()
  async top(@Param('id') id: string, @Query() query: StandingsQueryDto): Promise<StandingsResponse> {
    await this.contests.get(id);
    const s = await this.reader.snapshot(
      id,
      query.top ?? 10,
      null,
      query.at === undefined ? null : parseIsoInstant(query.at),
      query.division ?? null,
    );
    return this.response(s, s.top);
  }

  /**
   * Explain a rep's score: every event of the rep in the period with the points it adds, or why it
   * adds nothing (retracted, type not counted, before the contest, outside the window, filtered out).
   */
  @Get('explain/:rep')
  async explain(
    @Param('id') id: string,
    @Param('rep') rep: string,
    @Query() query: AroundQueryDto,
  ): Promise<ScoreExplanation> {
    await this.contests.get(id);
    return this.reader.explain(id, rep, query.at === undefined ? null : parseIsoInstant(query.at));
  }

  /** One rep with the 2 ranks above and the 2 below (by the rep's external id). */
  @Get('around/:rep')
  async around(
    @Param('id') id: string,
    @Param('rep') rep: string,
    @Query() query: AroundQueryDto,
  ): Promise<StandingsResponse> {
    await this.contests.get(id);
    const s = await this.reader.snapshot(
      id,
      0,
      rep,
      query.at === undefined ? null : parseIsoInstant(query.at),
    );
    return this.response(s, s.around ?? []);
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
