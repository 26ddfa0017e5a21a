import type { Principal } from '#domain';
import { Access, CurrentPrincipal } from '../auth/access.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
} from '@nestjs/swagger';
import type { RepResponse, TeamResponse } from '#contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { RepResponseDto, TeamResponseDto } from './dto/people-response.dto.js';
import { RenameTeamDto, RepDto, ReviewRepDto, TeamDto } from './dto/people.dto.js';
import { PeopleService } from './people.service.js';
import { ReviewRepUseCase } from './review-rep.use-case.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/v1')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly reviewRepUseCase: ReviewRepUseCase,
  ) {}

  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamResponseDto })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, or a team with this key exists.',
    type: ErrorResponseDto,
  })
  @Post('teams')
  @Access('admin')
  createTeam(@CurrentPrincipal() principal: Principal, @Body() dto: TeamDto): Promise<TeamResponse> {
    return this.people.createTeam({ key: dto.key, name: dto.name }, principal);
  }

  @ApiOperation({ summary: 'Rename a team', description: 'Admins, and the managers of the team.' })
  @ApiOkResponse({ type: TeamResponseDto })
  @ApiBadRequestResponse({ description: 'The name breaks a rule.', type: ErrorResponseDto })
  @ApiForbiddenResponse({
    description: '`auth.forbidden`: not a team the caller manages.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({ description: '`not_found`: no team with this key.', type: ErrorResponseDto })
  @ApiParam({ name: 'key', description: "The team's key.", example: 'north' })
  @Patch('teams/:key')
  @Access('people.write')
  renameTeam(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() dto: RenameTeamDto,
  ): Promise<TeamResponse> {
    return this.people.renameTeam(key, dto.name, principal);
  }

  @ApiOperation({ summary: 'List teams', description: 'By key.' })
  @ApiOkResponse({ type: TeamResponseDto, isArray: true })
  @Get('teams')
  @Access('people.read')
  teams(): Promise<TeamResponse[]> {
    return this.people.teams();
  }

  /** Creates or changes a rep by external id: display name, team (key or null) and role. */
  @ApiOperation({
    summary: 'Create or change a rep',
    description:
      'By external id: display name, team (key or null) and role; fields left out stay as they are.',
  })
  @ApiParam({
    name: 'externalId',
    description: "The rep's id in the CRM (1-200 characters).",
    example: 'ana',
  })
  @ApiOkResponse({ type: RepResponseDto })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, or no team has this key.',
    type: ErrorResponseDto,
  })
  @Put('reps/:externalId')
  @Access('people.write')
  putRep(
    @CurrentPrincipal() principal: Principal,
    @Param('externalId') externalId: string,
    @Body() dto: RepDto,
  ): Promise<RepResponse> {
    return this.people.putRep(
      externalId,
      {
        ...(dto.displayName === undefined ? {} : { displayName: dto.displayName }),
        ...(dto.team === undefined ? {} : { team: dto.team }),
        ...(dto.role === undefined ? {} : { role: dto.role }),
      },
      principal,
    );
  }

  @ApiOperation({
    summary: 'Review a rep from the queue',
    description:
      'Reps created by an incoming event wait in a review queue (`isNew`). Assign a team (key or null), ' +
      'a role, and a per-rep target in a contest with targets (while its rules may change), or send ' +
      '`{ "dismiss": true }`: the rep leaves the queue unchanged. Admins any rep; managers the reps of ' +
      'their teams and those without a team, into their teams or none. Audited (`rep.review`, ' +
      '`rep.dismiss`).',
  })
  @ApiParam({ name: 'externalId', description: "The rep's id in the CRM.", example: 'ana' })
  @ApiOkResponse({ description: 'The rep as stored, out of the queue.', type: RepResponseDto })
  @ApiBadRequestResponse({
    description:
      'A field breaks a rule (no team with this key, `dismiss` with other fields, a contest without ' +
      'per-rep targets); nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({
    description: '`auth.forbidden`: a rep of another team, or into a team the caller does not manage.',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({ description: '`not_found`: no rep with this id.', type: ErrorResponseDto })
  @ApiConflictResponse({
    description:
      '`rep.reviewed`: the rep is not in the queue (reviewed already); `contest.rules_locked`: the ' +
      "contest's rules, its targets among them, are fixed now it is live.",
    type: ErrorResponseDto,
  })
  @Post('reps/:externalId/review')
  @Access('people.write')
  @HttpCode(200)
  reviewRep(
    @CurrentPrincipal() principal: Principal,
    @Param('externalId') externalId: string,
    @Body() dto: ReviewRepDto,
  ): Promise<RepResponse> {
    return this.reviewRepUseCase.execute(
      externalId,
      {
        ...(dto.team === undefined ? {} : { team: dto.team }),
        ...(dto.role === undefined ? {} : { role: dto.role }),
        ...(dto.target === undefined
          ? {}
          : { target: { contestId: dto.target.contestId, value: dto.target.value } }),
        ...(dto.dismiss === undefined ? {} : { dismiss: dto.dismiss }),
      },
      principal,
    );
  }

  @ApiOperation({ summary: 'List reps', description: 'By external id, at most 10,000.' })
  @ApiOkResponse({ type: RepResponseDto, isArray: true })
  @Get('reps')
  @Access('people.read')
  reps(@CurrentPrincipal() principal: Principal): Promise<RepResponse[]> {
    return this.people.reps(principal);
  }
}
