import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiBearerAuth,
} from '@nestjs/swagger';
import type { ContestPreviewResponse, ContestResponse, ContestTemplate } from '#contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { ContestPauseService } from './contest-pause.service.js';
import { CONTEST_TEMPLATES } from './contest-templates.js';
import { ContestsService } from './contests.service.js';
import {
  ContestPreviewResponseDto,
  ContestResponseDto,
  ContestTemplateDto,
} from './dto/contest-response.dto.js';
import { CreateContestDto, UpdateContestDto } from './dto/create-contest.dto.js';

@ApiTags('contests')
@ApiBearerAuth()
@Controller('api/v1')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly pauses: ContestPauseService,
  ) {}

  /** Ready-made games a manager starts from: for those who create contests (admins and managers). */
  @ApiOperation({
    summary: 'Ready-made contests to start from',
    description: 'For those who create contests: admins and managers.',
  })
  @ApiOkResponse({ type: ContestTemplateDto, isArray: true })
  @Get('contest-templates')
  @Access('contests.write')
  templates(): readonly ContestTemplate[] {
    return CONTEST_TEMPLATES;
  }

  @ApiOperation({
    summary: 'Create a contest',
    description:
      'Published (scheduled when its start is ahead, live otherwise) unless `draft`. A recurring contest ' +
      'counts from the start of the current period unless `startsAt` says otherwise, including events ' +
      'already in the ledger.',
  })
  @ApiCreatedResponse({ description: 'The contest as stored.', type: ContestResponseDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule; nothing is stored.',
    type: ErrorResponseDto,
  })
  @Post('contests')
  @Access('contests.write')
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateContestDto): Promise<ContestResponse> {
    return this.contests.create(dto.toRequest(), principal);
  }

  @ApiOperation({
    summary: 'Preview a contest in plain words',
    description:
      'The same body as a create, checked the same way (the same problems at the same paths, the same ' +
      'access rule); answers the rules in plain words in every language. Nothing is stored.',
  })
  @ApiOkResponse({ description: 'The rules in plain words.', type: ContestPreviewResponseDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule, as a create answers.',
    type: ErrorResponseDto,
  })
  @Post('contests/preview')
  @Access('contests.write')
  @HttpCode(200)
  preview(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateContestDto,
  ): Promise<ContestPreviewResponse> {
    return this.contests.preview(dto.toRequest(), principal);
  }

  @ApiOperation({
    summary: 'List contests',
    description:
      'At most 500, newest first. Per-rep targets list only the reps whose lines the caller may see ' +
      '(all for admins and managers of the contest).',
  })
  @ApiOkResponse({ type: ContestResponseDto, isArray: true })
  @Get('contests')
  @Access('contests.read')
  list(@CurrentPrincipal() principal: Principal): Promise<ContestResponse[]> {
    return this.contests.list(principal);
  }

  @ApiOperation({
    summary: 'Get a contest',
    description:
      'Per-rep targets list only the reps whose lines the caller may see (all for admins and managers of ' +
      'the contest; a rep their own; none for a screen).',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ContestResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @Get('contests/:id')
  @Access('contests.read')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ContestResponse> {
    return this.contests.read(id, principal);
  }

  /** Name, description and prizes at any time; the rules only while a draft or scheduled. */
  @ApiOperation({
    summary: 'Change a contest',
    description:
      'Every field is optional. Name, description and prizes change at any time (new prizes apply from ' +
      'the next finalisation); the rules only while the contest is a draft or scheduled.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ description: 'The contest as stored.', type: ContestResponseDto })
  @ApiBadRequestResponse({
    description: 'Every field that breaks a rule; nothing changes.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description:
      '`contest.rules_locked`: the rules change only while the contest is a draft or scheduled; ' +
      '`problems` names the fields.',
    type: ErrorResponseDto,
  })
  @Patch('contests/:id')
  @Access('contests.write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateContestDto,
  ): Promise<ContestResponse> {
    return this.contests.update(id, dto.toRequest(), principal);
  }

  @ApiOperation({
    summary: 'Publish a draft',
    description: 'Scheduled when its start is ahead, live otherwise.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ContestResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description: '`contest.status`: the contest is not a draft.',
    type: ErrorResponseDto,
  })
  @Post('contests/:id/publish')
  @Access('contests.write')
  @HttpCode(200)
  publish(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ContestResponse> {
    return this.contests.publish(id, principal);
  }

  @ApiOperation({
    summary: 'Pause a live contest',
    description:
      'It keeps scoring (nothing is lost) and its periods end and are finalised as usual, but its boards ' +
      'show it paused and it celebrates nothing until it is resumed. Audited.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ContestResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description:
      '`contest.not_live`: only a live contest can be paused; `contest.pause_state`: it is paused already.',
    type: ErrorResponseDto,
  })
  @Post('contests/:id/pause')
  @Access('contests.write')
  @HttpCode(200)
  pause(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ContestResponse> {
    return this.pauses.pause(id, principal);
  }

  @ApiOperation({
    summary: 'Resume a paused contest',
    description: 'Its boards show it live again and celebrations come back. Audited.',
  })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ContestResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @ApiConflictResponse({
    description: '`contest.pause_state`: the contest is not paused.',
    type: ErrorResponseDto,
  })
  @Post('contests/:id/resume')
  @Access('contests.write')
  @HttpCode(200)
  resume(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ContestResponse> {
    return this.pauses.resume(id, principal);
  }

  @ApiOperation({ summary: 'Archive a contest', description: 'It scores nothing more; its history stays.' })
  @ApiParam({ name: 'id', description: 'The contest id.', format: 'uuid' })
  @ApiOkResponse({ type: ContestResponseDto })
  @ApiNotFoundResponse({ description: '`contest.not_found`', type: ErrorResponseDto })
  @Post('contests/:id/archive')
  @Access('contests.write')
  @HttpCode(200)
  archive(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ContestResponse> {
    return this.contests.archive(id, principal);
  }
}
