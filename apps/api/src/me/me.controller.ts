import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { MyContestResponse, MyResultResponse } from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { MyContestResponseDto, MyResultResponseDto } from './dto/me-response.dto.js';
import { MeService } from './me.service.js';

const NO_TOKEN = {
  description: '`auth.unauthenticated`: no bearer token, or an unknown, expired or revoked one.',
  type: ErrorResponseDto,
};
const NOT_A_REP = { description: '`auth.forbidden`: the caller is not a rep user.', type: ErrorResponseDto };

/** The rep's own view on the phone. */
@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @ApiOperation({
    summary: 'My live contests',
    description:
      "Rep users only. Every live contest the rep takes part in: the period, the rep's own entry in full, " +
      'the reps just above (and below, as far as the public board shows them), the public top N and the ' +
      "rep's target. Live updates come over the websocket (subscribe with `rep`).",
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: MyContestResponseDto, isArray: true })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_A_REP)
  @Get('contests')
  @Access('rep')
  contests(@CurrentPrincipal() p: Principal): Promise<MyContestResponse[]> {
    return this.me.contests(p);
  }

  @ApiOperation({
    summary: 'My finished periods and prizes',
    description: 'Rep users only. Newest first (at most 100): final rank, score and the prizes won.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: MyResultResponseDto, isArray: true })
  @ApiUnauthorizedResponse(NO_TOKEN)
  @ApiForbiddenResponse(NOT_A_REP)
  @Get('results')
  @Access('rep')
  results(@CurrentPrincipal() p: Principal): Promise<MyResultResponse[]> {
    return this.me.results(p);
  }
}
