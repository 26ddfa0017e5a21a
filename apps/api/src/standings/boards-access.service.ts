import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canSeeRep, type Principal } from '#domain';
import { BoardsRepository } from '#persistence';
import { ForbiddenError } from '../auth/access.guard.js';

/** Whether a principal may see one rep's full position and explanation. */
@Injectable()
export class BoardsAccess {
  private readonly boards = new BoardsRepository();

  constructor(private readonly dataSource: DataSource) {}

  async assertSeesRep(principal: Principal, externalId: string): Promise<void> {
    const member = await this.boards.member(this.dataSource.manager, externalId);
    const rep = { externalId, team: member?.team ?? null };
    if (!canSeeRep(principal, rep)) {
      throw new ForbiddenError("a rep's full position and explanation are for that rep and their managers");
    }
  }
}
