import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';
import { ReviewRepUseCase } from './review-rep.use-case.js';

@Module({
  imports: [ContestsModule],
  controllers: [PeopleController],
  providers: [PeopleService, ReviewRepUseCase],
})
export class PeopleModule {}
