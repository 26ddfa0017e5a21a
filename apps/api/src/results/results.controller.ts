import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiBearerAuth,
} from '@nestjs/swagger';
import type {
  AdjustmentsResponse,
  HallOfFameResponse,
  PeriodResultResponse,
  RepWinsResponse,
} from '#contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import {
  AdjustmentsResponseDto,
  HallOfFameResponseDto,
  PeriodResultResponseDto,
  RepWinsResponseDto,
} from './dto/results-response.dto.js';
import { ResultsService } from './results.service.js';

@ApiTags('results')
@ApiBearerAuth()
@Controller('api/v1')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** The contest's finalised periods with their winners, newest first. */
  @ApiOperation({
    summary: 'Finalised periods',
    description:
      "The contest's finalised periods with their winners, newest first; winners as the caller may see " +
      'them (the rule of the live board).',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: PeriodResultResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @Get('contests/:id/periods')
  @Access('results.read')
  periods(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<PeriodResultResponse[]> {
    return this.results.periods(id, principal);
  }

  /** One finalised period with its frozen boards; `start` is any ISO-8601 instant inside it. */
  @ApiOperation({
    summary: 'One finalised period',
    description:
      'Its frozen boards (top 100 each) and its winners, as the caller may see them: every line for admins ' +
      'and managers of the contest; else the public board and the caller’s own lines.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiParam({
    name: 'start',
    description: 'Any ISO-8601 instant with an offset inside the period.',
    example: '2026-11-23T00:00:00+01:00',
  })
  @ApiOkResponse({ type: PeriodResultResponseDto })
  @ApiBadRequestResponse({
    description: '`start` is not an ISO-8601 instant with an offset.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({
    description:
      '`contest.not_found`, or `not_found`: the period is not final (or not a period of this contest).',
    type: ErrorResponseDto,
  })
  @Get('contests/:id/periods/:start')
  @Access('results.read')
  period(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('start') start: string,
  ): Promise<PeriodResultResponse> {
    return this.results.period(id, start, principal);
  }

  /** Re-finalises a final period from the current standings, resolving its pending adjustments. */
  @ApiOperation({
    summary: 'Re-finalise a period',
    description: 'Re-finalises a final period from the current standings, resolving its pending adjustments.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiParam({
    name: 'start',
    description: 'Any ISO-8601 instant with an offset inside the period.',
    example: '2026-11-23T00:00:00+01:00',
  })
  @ApiOkResponse({ description: 'The period as finalised now.', type: PeriodResultResponseDto })
  @ApiBadRequestResponse({
    description: '`start` is not an ISO-8601 instant with an offset.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description: '`period.not_final`: the period has not been finalised yet.',
    type: ErrorResponseDto,
  })
  @Post('contests/:id/periods/:start/finalise')
  @Access('results.manage')
  @HttpCode(200)
  refinalise(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('start') start: string,
  ): Promise<PeriodResultResponse> {
    return this.results.refinalise(id, start, principal);
  }

  /** Pending post-close adjustments, with the prizes re-finalising would change. */
  @ApiOperation({
    summary: 'Pending post-close adjustments',
    description: 'Per final period, with the prizes re-finalising now would take away and award.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: AdjustmentsResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @Get('contests/:id/adjustments')
  @Access('results.manage')
  adjustments(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<AdjustmentsResponse> {
    return this.results.adjustments(id, principal);
  }

  @ApiOperation({
    summary: 'Hall of fame',
    description:
      'Reps by prizes won, and the latest winners, counting the prizes the caller may see: every prize of ' +
      'the contests they manage (admins: all), elsewhere those won on the public board (and the caller’s ' +
      'own). A screen sees those of its board, without the reps who hide from TVs.',
  })
  @ApiOkResponse({ type: HallOfFameResponseDto })
  @Get('hall-of-fame')
  @Access('results.read')
  hallOfFame(@CurrentPrincipal() principal: Principal): Promise<HallOfFameResponse> {
    return this.results.hallOfFame(principal);
  }

  @ApiOperation({
    summary: "A rep's prizes",
    description:
      'All of them (in contests the caller can see) for the rep, their managers and admins; for anyone else ' +
      'the prizes won where the rep shows on the public board. Not for screens.',
  })
  @ApiParam({ name: 'externalId', description: "The rep's external id.", example: 'ana' })
  @ApiOkResponse({ type: RepWinsResponseDto })
  @ApiNotFoundResponse({
    description:
      '`not_found`: no rep with this external id or, to a caller who may not see the rep, no prize of ' +
      'theirs the caller may see (the two answer the same).',
    type: ErrorResponseDto,
  })
  @Get('reps/:externalId/wins')
  @Access('rep.results')
  repWins(
    @CurrentPrincipal() principal: Principal,
    @Param('externalId') externalId: string,
  ): Promise<RepWinsResponse> {
    return this.results.repWins(externalId, principal);
  }
}
