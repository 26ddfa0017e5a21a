import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { ContestResponse } from '#contracts';
import { toContestResponse } from '#persistence';
import { ContestsService } from './contests.service.js';
import { CreateContestDto } from './dto/create-contest.dto.js';

@Controller('api/v1/contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Post()
  create(@Body() dto: CreateContestDto): Promise<ContestResponse> {
    return this.contests.create(dto.toRequest(), dto.kindProblems());
  }

  @Get()
  list(): Promise<ContestResponse[]> {
    return this.contests.list();
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ContestResponse> {
    return toContestResponse(await this.contests.get(id));
  }
}
