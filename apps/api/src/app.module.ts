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
import { CoachingModule } from './coaching/coaching.module.js';
import { IpRateLimitMiddleware } from './auth/ip-rate-limit.middleware.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { RequestBodyMiddleware } from './common/request-body.middleware.js';
import { RouteParamsPipe } from './common/route-params.pipe.js';
import { VALIDATION_OPTIONS, validationExceptionFactory } from './common/validation.js';
import { ContestsModule } from './contests/contests.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { ManualAdjustmentsModule } from './manual-adjustments/manual-adjustments.module.js';
import { MeModule } from './me/me.module.js';
import { PeopleModule } from './people/people.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ResultsModule } from './results/results.module.js';
import { SetupModule } from './setup/setup.module.js';
import { StandingsModule } from './standings/standings.module.js';

/** The api role (HTTP + realtime gateway), plus the scoring worker when the role is `all`. */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // In this order, on every route: per-address budgets before the body is even read, then the body
    // read with its route's limit and shape-checked before any validation.
    consumer
      .apply(IpRateLimitMiddleware, RequestBodyMiddleware)
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
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
        HealthModule,
        BoardsModule,
        MeModule,
        CoachingModule,
        SetupModule,
        ManualAdjustmentsModule,
        ...(config.role === 'all' ? [ScoringModule] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        // Before validation: path and query values PostgreSQL could not store are refused by name.
        { provide: APP_PIPE, useClass: RouteParamsPipe },
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
