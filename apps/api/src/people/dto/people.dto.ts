import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { RepRequest, TeamRequest } from '#contracts';

/** Team keys are short, readable and stable: contests name teams by them. */
export const TEAM_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class TeamDto implements TeamRequest {
  @Matches(TEAM_KEY, { message: 'must be 1-64 lower-case letters, digits, "-" or "_" (e.g. "north")' })
  key: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

export class RepDto implements RepRequest {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  /** A team key, or null for no team. */
  @ValidateIf((r: RepDto) => r.team !== null && r.team !== undefined)
  @Matches(TEAM_KEY, { message: 'must be a team key, or null for no team' })
  team?: string | null;

  /** A role such as "SDR" or "AE", or null for none. */
  @ValidateIf((r: RepDto) => r.role !== null && r.role !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  role?: string | null;
}
