import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RepRequest, RepResponse, TeamRequest, TeamResponse } from '#contracts';
import { InvalidInputError, NotFoundError } from '#domain';
import { RepEntity, TeamEntity } from '#persistence';

/**
 * Teams and reps. Reps are created by ingest the first time an event names them; managers name them,
 * put them in teams and give them roles here (or create them ahead of their first event).
 */
@Injectable()
export class PeopleService {
  constructor(private readonly dataSource: DataSource) {}

  async createTeam(request: TeamRequest): Promise<TeamResponse> {
    const created: { id: string }[] = await this.dataSource.query(
      `INSERT INTO teams (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [request.key, request.name],
    );
    if (created.length === 0) {
      throw new InvalidInputError([{ path: 'key', reason: `a team with key ${request.key} already exists` }]);
    }
    return { key: request.key, name: request.name, members: 0 };
  }

  async teams(): Promise<TeamResponse[]> {
    const rows: { key: string; name: string; members: string }[] = await this.dataSource.query(
      `SELECT t.key, t.name, (SELECT count(*) FROM reps r WHERE r.team_id = t.id)::text AS members
       FROM teams t ORDER BY t.key`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, members: Number(r.members) }));
  }

  /** Creates or changes a rep; fields left out stay as they are. */
  async putRep(externalId: string, request: RepRequest): Promise<RepResponse> {
    if (externalId.length === 0 || externalId.length > 200) {
      throw new InvalidInputError([{ path: 'externalId', reason: 'must be 1 to 200 characters' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      let teamId: string | null | undefined;
      if (request.team !== undefined) {
        if (request.team === null) teamId = null;
        else {
          const team = await tx.findOne(TeamEntity, { where: { key: request.team } });
          if (team === null)
            throw new InvalidInputError([{ path: 'team', reason: `no team with key ${request.team}` }]);
          teamId = team.id;
        }
      }
      await tx.query(
        `INSERT INTO reps (external_id, display_name, is_new) VALUES ($1, $2, false) ON CONFLICT (external_id) DO NOTHING`,
        [externalId, request.displayName ?? externalId],
      );
      const rep = await tx.findOneOrFail(RepEntity, {
        where: { externalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (request.displayName !== undefined) rep.displayName = request.displayName;
      if (teamId !== undefined) rep.teamId = teamId;
      if (request.role !== undefined) rep.role = request.role;
      rep.isNew = false;
      await tx.save(rep);
      return this.repOf(tx, externalId);
    });
  }

  async reps(): Promise<RepResponse[]> {
    const rows: { external_id: string; display_name: string; team: string | null; role: string | null }[] =
      await this.dataSource.query(
        `SELECT r.external_id, r.display_name, t.key AS team, r.role
         FROM reps r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.external_id LIMIT 10000`,
      );
    return rows.map((r) => ({
      externalId: r.external_id,
      displayName: r.display_name,
      team: r.team,
      role: r.role,
    }));
  }

  private async repOf(tx: DataSource['manager'], externalId: string): Promise<RepResponse> {
    const [row]: { external_id: string; display_name: string; team: string | null; role: string | null }[] =
      await tx.query(
        `SELECT r.external_id, r.display_name, t.key AS team, r.role
         FROM reps r LEFT JOIN teams t ON t.id = r.team_id WHERE r.external_id = $1`,
        [externalId],
      );
    if (row === undefined) throw new NotFoundError(`no rep with external id ${externalId}`);
    return { externalId: row.external_id, displayName: row.display_name, team: row.team, role: row.role };
  }
}
