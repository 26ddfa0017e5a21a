import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import type { RepResponse, TeamResponse } from '#contracts';
import { RepDto, TeamDto } from './dto/people.dto.js';
import { PeopleService } from './people.service.js';

@Controller('api/v1')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post('teams')
  createTeam(@Body() dto: TeamDto): Promise<TeamResponse> {
    return this.people.createTeam({ key: dto.key, name: dto.name });
  }

  @Get('teams')
  teams(): Promise<TeamResponse[]> {
    return this.people.teams();
  }

  /** Creates or changes a rep by external id: display name, team (key or null) and role. */
  @Put('reps/:externalId')
  putRep(@Param('externalId') externalId: string, @Body() dto: RepDto): Promise<RepResponse> {
    return this.people.putRep(externalId, {
      ...(dto.displayName === undefined ? {} : { displayName: dto.displayName }),
      ...(dto.team === undefined ? {} : { team: dto.team }),
      ...(dto.role === undefined ? {} : { role: dto.role }),
    });
  }

  @Get('reps')
  reps(): Promise<RepResponse[]> {
    return this.people.reps();
  }
}
