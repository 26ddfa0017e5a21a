import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status: 'ok';

  @ApiProperty({ description: 'What this process runs: `api`, or `all` (api and worker).', example: 'all' })
  readonly role: string;

  @ApiProperty({ description: 'The queue backend.', enum: ['redis', 'postgres'] })
  readonly queue: string;
}
