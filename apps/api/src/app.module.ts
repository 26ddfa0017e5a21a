import {
  Module,
  RequestMethod,
  ValidationPipe,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { PodiumConfig } from '#config';
import { RuntimeModule } from '#runtime';
import { ScoringModule } from '#scoring';
import { AuthModule } from './auth/auth.module.js';
import { BoardsModule } from './boards/boards.module.js';
import { IpRateLimitMiddleware } from './auth/ip-rate-limit.middleware.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { VALIDATION_OPTIONS, validationExceptionFactory } from './common/validation.js';
import { ContestsModule } from './contests/contests.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthController } from './health/health.controller.js';
import { MeModule } from './me/me.module.js';
import { PeopleModule } from './people/people.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ResultsModule } from './results/results.module.js';
import { StandingsModule } from './standings/standings.module.js';

/** The api role (HTTP + realtime gateway), plus the scoring worker when the role is `all`. */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(IpRateLimitMiddleware)
      .forRoutes(
        { path: 'api/v1/events', method: RequestMethod.POST },
        { path: 'api/v1/screens/pair', method: RequestMethod.POST },
        { path: 'api/v1/screens/device', method: RequestMethod.POST },
        { path: 'api/v1/screens/device/token', method: RequestMethod.POST },
        { path: 'api/v1/auth/refresh', method: RequestMethod.POST },
      );
  }

  static forRoot(config: PodiumConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(config, databaseUrl),
        AuthModule,
        EventsModule,
        ContestsModule,
        StandingsModule,
        ResultsModule,
        PeopleModule,
        RealtimeModule,
        BoardsModule,
        MeModule,
        ...(config.role === 'all' ? [ScoringModule] : []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            ...VALIDATION_OPTIONS,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
      ],
    };
  }
}
