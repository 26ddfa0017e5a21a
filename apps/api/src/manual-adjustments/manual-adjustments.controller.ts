import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { ManualAdjustment } from '#contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { ChangeManualAdjustmentDto } from './dto/change-manual-adjustment.dto.js';
import { CreateManualAdjustmentDto } from './dto/create-manual-adjustment.dto.js';
import { ManualAdjustmentDto } from './dto/manual-adjustment-response.dto.js';
import { ManualAdjustmentsService } from './manual-adjustments.service.js';

const WHO = 'For admins, and for managers of the rep’s team in a contest they can see (403 otherwise). ';

@ApiTags('contests')
@ApiBearerAuth()
@Controller('api/v1/contests/:id/manual-adjustments')
export class ManualAdjustmentsController {
  constructor(private readonly adjustments: ManualAdjustmentsService) {}

  @ApiOperation({
    summary: "A contest's manual adjustments",
    description:
      'Newest first, at most 500, retracted ones included. Admins see all; a manager those of the reps of ' +
      'the teams they manage.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ManualAdjustmentDto, isArray: true })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @Get()
  @Access('contests.write')
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ManualAdjustment[]> {
    return this.adjustments.list(id, principal);
  }

  @ApiOperation({
    summary: 'Add or remove points by hand, with a reason',
    description:
      WHO +
      'A ledger event of source `manual`, scored into this contest only, in the chosen period (default: ' +
      'the current one) and the contest’s unit. Into a final period it is a post-close adjustment: the ' +
      'standings change, the winners only when a manager re-finalises.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiCreatedResponse({ type: ManualAdjustmentDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule (`rep`, `points`, `reason`, `period`); nothing is written.',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({ description: '`auth.forbidden`', type: ErrorResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description: '`contest.draft` or `contest.status`: a draft or an archived contest takes no adjustments.',
    type: ErrorResponseDto,
  })
  @Post()
  @Access('contests.write')
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: CreateManualAdjustmentDto,
  ): Promise<ManualAdjustment> {
    return this.adjustments.create(id, dto, principal);
  }

  @ApiOperation({
    summary: 'Change a manual adjustment',
    description: WHO + 'A revision of its ledger event: new points and/or reason (the reason is required).',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiParam({ name: 'adjustmentId', description: 'The adjustment id.', format: 'uuid' })
  @ApiOkResponse({ type: ManualAdjustmentDto })
  @ApiBadRequestResponse({
    description: 'Nothing is written; `problems` names the fields.',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({ description: '`auth.forbidden`', type: ErrorResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found` or `not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description:
      '`manual_adjustment.retracted`; `event.conflict`: changed by someone else meanwhile; `contest.status`.',
    type: ErrorResponseDto,
  })
  @Patch(':adjustmentId')
  @Access('contests.write')
  change(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('adjustmentId') adjustmentId: string,
    @Body() dto: ChangeManualAdjustmentDto,
  ): Promise<ManualAdjustment> {
    return this.adjustments.change(id, adjustmentId, dto, principal);
  }

  @ApiOperation({
    summary: 'Retract a manual adjustment',
    description:
      WHO +
      'A retraction of its ledger event: it counts nowhere from now on. Retracting again changes nothing.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiParam({ name: 'adjustmentId', description: 'The adjustment id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The adjustment, retracted.', type: ManualAdjustmentDto })
  @ApiForbiddenResponse({ description: '`auth.forbidden`', type: ErrorResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found` or `not_found`', type: ErrorResponseDto })
  @Delete(':adjustmentId')
  @Access('contests.write')
  @HttpCode(200)
  retract(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('adjustmentId') adjustmentId: string,
  ): Promise<ManualAdjustment> {
    return this.adjustments.retract(id, adjustmentId, principal);
  }
}
