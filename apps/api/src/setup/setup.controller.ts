import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { SetupStatusResponse, UserResponse } from '#contracts';
import { UserResponseDto } from '../access/dto/access-response.dto.js';
import { Access } from '../auth/access.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { NoStore } from '../common/no-store.decorator.js';
import { SetupStatusResponseDto } from './dto/setup-response.dto.js';
import { SetupDto } from './dto/setup.dto.js';
import { SetupService } from './setup.service.js';

@ApiTags('setup')
@Controller('api/v1')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @ApiOperation({
    summary: 'Whether the first-run setup is open',
    description: 'No token needed. Open while no admin exists: a setup link the api printed still works.',
  })
  @ApiOkResponse({ type: SetupStatusResponseDto })
  @Get('setup')
  @Access('public')
  @NoStore()
  status(): Promise<SetupStatusResponse> {
    return this.setup.status();
  }

  @ApiOperation({
    summary: 'Create the first admin',
    description:
      'No token needed: the code of the one-time link the api printed at a start while no admin ' +
      'existed. Creates the first admin (log in with the email and password afterwards); the code, and ' +
      'every other printed code, then stop working. Limited per address like logins.',
  })
  @ApiCreatedResponse({ description: 'The first admin, as stored.', type: UserResponseDto })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule (the password is shorter than 12 characters); nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({
    description: '`setup.invalid_code`: the code is not one the api printed, or it was used.',
    type: ErrorResponseDto,
  })
  @ApiConflictResponse({
    description: '`setup.closed`: an admin exists already; nothing is stored.',
    type: ErrorResponseDto,
  })
  @ApiTooManyRequestsResponse({
    description: '`rate.limited`: too many attempts from this address (the login budget).',
    type: ErrorResponseDto,
  })
  @Post('setup')
  @Access('public')
  @NoStore()
  complete(@Body() dto: SetupDto): Promise<UserResponse> {
    return this.setup.complete(dto);
  }
}
