import { ApiProperty } from '@nestjs/swagger';
import type { MeResponse, RoleName, SessionResponse } from '#contracts';

/** The rep a rep user is. */
export class MeRepDto {
  @ApiProperty({ description: "The rep's id in the CRM.", example: 'ana' })
  readonly externalId: string;

  @ApiProperty({
    description: 'Hidden from office TVs (still competing, still seeing their own rank).',
    example: false,
  })
  readonly hiddenFromTv: boolean;
}

/** The logged-in user. */
export class MeResponseDto implements MeResponse {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'manager@example.com' })
  readonly email: string;

  @ApiProperty({ enum: ['admin', 'manager', 'rep'], example: 'manager' })
  readonly role: RoleName;

  @ApiProperty({
    description: 'Managers: the team keys they manage; empty for everyone else.',
    type: [String],
    example: ['north'],
  })
  readonly teams: string[];

  @ApiProperty({
    description: 'Rep users: the rep they are, with their choice to hide from office TVs; null otherwise.',
    type: () => MeRepDto,
    nullable: true,
  })
  readonly rep: MeRepDto | null;
}

/** A session's tokens: send `accessToken` as `Authorization: Bearer <token>`; trade `refreshToken` for new ones. */
export class SessionResponseDto implements SessionResponse {
  @ApiProperty({
    description: 'Send as `Authorization: Bearer <token>` until `accessExpiresAt` (`pod_at_...`).',
  })
  readonly accessToken: string;

  @ApiProperty({ format: 'date-time' })
  readonly accessExpiresAt: string;

  @ApiProperty({
    description:
      'Trade at POST /api/v1/auth/refresh for a new session before `refreshExpiresAt` (`pod_rt_...`); ' +
      'works once.',
  })
  readonly refreshToken: string;

  @ApiProperty({ format: 'date-time' })
  readonly refreshExpiresAt: string;

  @ApiProperty({ type: () => MeResponseDto })
  readonly user: MeResponseDto;
}
