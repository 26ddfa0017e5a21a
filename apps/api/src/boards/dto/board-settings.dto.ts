import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BOARD_LANGUAGES,
  BOARD_THEMES,
  MOMENT_KINDS,
  type BoardLanguage,
  type BoardSettings,
  type BoardTheme,
  type MomentKind,
} from '#contracts';
import { Optional, Nullable } from '../../common/validation.js';

export class CelebrationsDto {
  @ApiProperty({ description: 'Whether the board celebrates at all.', example: true })
  readonly enabled: boolean;

  @ApiProperty({ description: 'The kinds it celebrates.', enum: [...MOMENT_KINDS], isArray: true })
  readonly kinds: MomentKind[];

  @ApiProperty({ description: 'Play a short sound with a celebration.', example: false })
  readonly sound: boolean;
}

export class BigDealDto {
  @ApiProperty({
    description: 'Minor units (cents): a deal of at least this much is a big deal.',
    example: 500000,
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  readonly amount: number;

  @ApiProperty({ description: 'ISO-4217: only deals in this currency count.', example: 'EUR' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO-4217 code' })
  readonly currency: string;
}

export class BoardSettingsDto implements BoardSettings {
  @ApiProperty({ description: 'Seconds per contest of the playlist.', minimum: 5, maximum: 300, example: 20 })
  readonly secondsPerSlide: number;

  @ApiProperty({ description: 'Entries from the top a slide shows.', minimum: 1, maximum: 50, example: 10 })
  readonly topN: number;

  @ApiProperty({ enum: [...BOARD_THEMES], example: 'dark' })
  readonly theme: BoardTheme;

  @ApiProperty({
    enum: [...BOARD_LANGUAGES],
    description: "`auto`: the browser's language.",
    example: 'auto',
  })
  readonly language: BoardLanguage;

  @ApiProperty({ type: CelebrationsDto })
  readonly celebrations: CelebrationsDto;

  @ApiProperty({ type: BigDealDto, nullable: true, description: 'Null: no big-deal celebrations.' })
  readonly bigDeal: BigDealDto | null;

  @ApiProperty({
    description: "Seconds a finished period's winners stay on screen before the new period shows.",
    minimum: 0,
    maximum: 3600,
    example: 300,
  })
  readonly winnersHoldSeconds: number;
}

export class CelebrationsPatchDto {
  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  readonly enabled?: boolean;

  @ApiPropertyOptional({ enum: [...MOMENT_KINDS], isArray: true })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MOMENT_KINDS.length)
  @IsIn(MOMENT_KINDS, { each: true, message: `each value must be one of ${MOMENT_KINDS.join(', ')}` })
  readonly kinds?: MomentKind[];

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  readonly sound?: boolean;
}

/** A change to a board's settings: only the fields given change. */
export class BoardSettingsPatchDto {
  @ApiPropertyOptional({ minimum: 5, maximum: 300 })
  @Optional()
  @IsInt()
  @Min(5)
  @Max(300)
  readonly secondsPerSlide?: number;

  @ApiPropertyOptional({ enum: [...BOARD_THEMES] })
  @Optional()
  @IsIn(BOARD_THEMES)
  readonly theme?: BoardTheme;

  @ApiPropertyOptional({ enum: [...BOARD_LANGUAGES] })
  @Optional()
  @IsIn(BOARD_LANGUAGES)
  readonly language?: BoardLanguage;

  @ApiPropertyOptional({ type: CelebrationsPatchDto })
  @Optional()
  @ValidateNested()
  @Type(() => CelebrationsPatchDto)
  readonly celebrations?: CelebrationsPatchDto;

  @ApiPropertyOptional({
    type: BigDealDto,
    nullable: true,
    description: 'Null turns big-deal celebrations off.',
  })
  @Nullable()
  @ValidateNested()
  @Type(() => BigDealDto)
  readonly bigDeal?: BigDealDto | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 3600 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(3600)
  readonly winnersHoldSeconds?: number;
}
