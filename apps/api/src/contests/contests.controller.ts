import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { ContestResponse, ContestTemplate } from '#contracts';
import { toContestResponse } from '#persistence';
import { CONTEST_TEMPLATES } from './contest-templates.js';
import { ContestsService } from './contests.service.js';
import { CreateContestDto, UpdateContestDto } from './dto/create-contest.dto.js';

@Controller('api/v1')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  /** Ready-made games a manager starts from. */
  @Get('contest-templates')
  templates(): readonly ContestTemplate[] {
    return CONTEST_TEMPLATES;
  }

  @Post('contests')
  create(@Body() dto: CreateContestDto): Promise<ContestResponse> {
    return this.contests.create(dto.toRequest());
  }

  @Get('contests')
  list(): Promise<ContestResponse[]> {
    return this.contests.list();
  }

  @Get('contests/:id')
  async get(@Param('id') id: string): Promise<ContestResponse> {
    return toContestResponse(await this.contests.get(id));
  }

  /** Name, description and prizes at any time; the rules only while a draft or scheduled. */
  @Patch('contests/:id')
  update(@Param('id') id: string, @Body() dto: UpdateContestDto): Promise<ContestResponse> {
    return this.contests.update(id, dto.toRequest());
  }

  @Post('contests/:id/publish')
  @HttpCode(200)
  publish(@Param('id') id: string): Promise<ContestResponse> {
    return this.contests.publish(id);
  }

  @Post('contests/:id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string): Promise<ContestResponse> {
    return this.contests.archive(id);
  }
}
