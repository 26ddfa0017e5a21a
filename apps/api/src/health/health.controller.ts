import { Access } from '../auth/access.decorator.js';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { QueueFactory } from '#runtime';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { HealthResponseDto } from './dto/health-response.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  /** Liveness and the shape this process runs in; answers 500 when the database does not. */
  @ApiOperation({ summary: 'Liveness', description: 'Answers 500 when the database does not.' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiInternalServerErrorResponse({ description: 'The database does not answer.', type: ErrorResponseDto })
  @Get()
  @Access('public')
  async check(): Promise<{ status: 'ok'; role: string; queue: string }> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', role: this.config.role, queue: this.queues.backend };
  }
}
