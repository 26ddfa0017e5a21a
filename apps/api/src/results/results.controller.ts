import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type {
  AdjustmentsResponse,
  HallOfFameResponse,
  PeriodResultResponse,
  RepWinsResponse,
} from '#contracts';
import { ResultsService } from './results.service.js';

@Controller('api/v1')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** The contest's finalised periods with their winners, newest first. */
  @Get('contests/:id/periods')
  periods(@Param('id') id: string): Promise<PeriodResultResponse[]> {
    return this.results.periods(id);
  }

  /** One finalised period with its frozen boards; `start` is any ISO-8601 instant inside it. */
  @Get('contests/:id/periods/:start')
  period(@Param('id') id: string, @Param('start') start: string): Promise<PeriodResultResponse> {
    return this.results.period(id, start);
  }

  /** Re-finalises a final period from the current standings, resolving its pending adjustments. */
  @Post('contests/:id/periods/:start/finalise')
  @HttpCode(200)
  refinalise(@Param('id') id: string, @Param('start') start: string): Promise<PeriodResultResponse> {
    return this.results.refinalise(id, start);
  }

  /** Pending post-close adjustments, with the prizes re-finalising would change. */
  @Get('contests/:id/adjustments')
  adjustments(@Param('id') id: string): Promise<AdjustmentsResponse> {
    return this.results.adjustments(id);
  }

  @Get('hall-of-fame')
  hallOfFame(): Promise<HallOfFameResponse> {
    return this.results.hallOfFame();
  }

  @Get('reps/:externalId/wins')
  repWins(@Param('externalId') externalId: string): Promise<RepWinsResponse> {
    return this.results.repWins(externalId);
  }
}
