import { ApiProperty } from '@nestjs/swagger';
import type { SetupStatusResponse } from '#contracts';

export class SetupStatusResponseDto implements SetupStatusResponse {
  @ApiProperty({
    description: 'True while no admin exists: a setup link the api printed still works.',
    example: true,
  })
  readonly open: boolean;
}
