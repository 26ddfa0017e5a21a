import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '#contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({
    description: 'Not case-sensitive.',
    minLength: 3,
    maxLength: 320,
    example: 'manager@example.com',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email: string;

  @ApiProperty({
    description: 'Never logged, never echoed.',
    minLength: 1,
    maxLength: 200,
    format: 'password',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({
    description: 'The refresh token of the session (`pod_rt_...`); works once.',
    maxLength: 100,
  })
  @IsString()
  @MaxLength(100)
  refreshToken: string;
}

export class UpdateMeDto {
  @ApiProperty({ description: 'Reps: hide from office TVs (still competing, still seeing their own rank).' })
  @IsBoolean()
  hiddenFromTv: boolean;
}
