import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { SetupRequest } from '#contracts';

export class SetupDto implements SetupRequest {
  @ApiProperty({
    description: 'The code of the one-time link the api printed at its start (`/setup?code=...`).',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code: string;

  @ApiProperty({
    description: "The first admin's email; not case-sensitive (stored in lower case).",
    format: 'email',
    maxLength: 320,
    example: 'admin@example.com',
  })
  @Matches(/^\s*[^@\s]+@[^@\s]+\s*$/, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({
    description: '12 to 200 characters; stored only as an argon2id hash.',
    format: 'password',
    minLength: 12,
    maxLength: 200,
  })
  @IsString()
  @MinLength(12, { message: 'must be 12 to 200 characters' })
  @MaxLength(200, { message: 'must be 12 to 200 characters' })
  password: string;
}
