import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DeviceTokenRequest, LinkScreenRequest } from '#contracts';
import { BoardSettingsPatchDto } from './board-settings.dto.js';
import { Optional } from '../../common/validation.js';

/** A change to a screen: name, playlist, top N and settings; absent fields stay as they are. */
export class UpdateScreenDto {
  @ApiPropertyOptional({ example: 'Sales floor TV', maxLength: 120 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name?: string;

  @ApiPropertyOptional({
    description: 'The playlist, in order: 1 to 20 contest ids.',
    type: 'string',
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: 20,
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each value must be a contest id (a UUID)' })
  readonly contestIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(50)
  readonly topN?: number;

  @ApiPropertyOptional({ type: BoardSettingsPatchDto })
  @Optional()
  @ValidateNested()
  @Type(() => BoardSettingsPatchDto)
  readonly settings?: BoardSettingsPatchDto;
}

export class DeviceTokenDto implements DeviceTokenRequest {
  @ApiProperty({ description: 'The device code the TV received from POST /api/v1/screens/device.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly deviceCode: string;
}

export class LinkScreenDto implements LinkScreenRequest {
  @ApiProperty({
    description: 'The code the TV shows; case, spaces and dashes do not matter.',
    example: 'BCDF-GHJK',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly userCode: string;
}
