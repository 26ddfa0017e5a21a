import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { QueueFactory } from '#runtime';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  /** Liveness and the shape this process runs in; answers 500 when the database does not. */
  @Get()
  async check(): Promise<{ status: 'ok'; role: string; queue: string }> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', role: this.config.role, queue: this.queues.backend };
  }
}
