import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CoachingResponse } from '#contracts';
import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { parseIsoInstant } from '../common/iso-instant.js';
import { NoStore } from '../common/no-store.decorator.js';
import { CoachingService } from './coaching.service.js';
import { CoachingQueryDto } from './dto/coaching-query.dto.js';
import { CoachingResponseDto } from './dto/coaching-response.dto.js';

@ApiTags('coaching')
@ApiBearerAuth()
@Controller('api/v1/coaching')
export class CoachingController {
  constructor(private readonly coaching: CoachingService) {}

  @ApiOperation({
    summary: "A team's reps against their own average",
    description:
      "For the team's managers and admins: each rep's last 8 calendar weeks on every metric of the team's " +
      "contests (the running week last), the latest complete week against the rep's own average, outcome " +
      'metrics next to process metrics, reps with no activity for `stalledDays` days flagged, and a ' +
      'plain-words prompt per rep in English and Dutch. Reps by name: never a ranking.',
  })
  @ApiOkResponse({ type: CoachingResponseDto })
  @ApiBadRequestResponse({
    description: 'A query parameter breaks a rule (named in `problems`).',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({
    description: '`auth.forbidden`: not a team the caller manages.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({
    description: '`not_found`: no team with this key (admins).',
    type: ErrorResponseDto,
  })
  @NoStore()
  @Get()
  @Access('people.read')
  view(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CoachingQueryDto,
  ): Promise<CoachingResponse> {
    const at = query.at === undefined ? null : parseIsoInstant(query.at);
    return this.coaching.view(
      {
        team: query.team,
        ...(query.stalledDays === undefined ? {} : { stalledDays: query.stalledDays }),
        ...(at === null ? {} : { at }),
      },
      principal,
    );
  }
}
