import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RepRequest, RepResponse, TeamRequest, TeamResponse } from '#contracts';
import { canManageRep, InvalidInputError, NotFoundError, type Principal } from '#domain';
import { RepEntity, RepsRepository, TeamEntity, toRepResponse } from '#persistence';
import { AuditService } from '../access/audit.service.js';
import { ForbiddenError } from '../auth/access.guard.js';

/**
 * Teams and reps. Reps are created by ingest the first time an event names them; managers name them,
 * put them in teams and give them roles here (or create them ahead of their first event).
 */
@Injectable()
export class PeopleService {
  private readonly repsRows = new RepsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private async repRows(tx: DataSource['manager'], externalId: string): Promise<RepResponse[]> {
    const rep = await this.repsRows.find(tx, externalId);
    return rep === null ? [] : [toRepResponse(rep)];
  }

  async createTeam(request: TeamRequest, principal: Principal): Promise<TeamResponse> {
    return this.dataSource.transaction(async (tx) => {
      const created: { id: string }[] = await tx.query(
        `INSERT INTO teams (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id`,
        [request.key, request.name],
      );
      const id = created[0]?.id;
      if (id === undefined) {
        throw new InvalidInputError([
          { path: 'key', reason: `a team with key ${request.key} already exists` },
        ]);
      }
      const team = { key: request.key, name: request.name, members: 0 };
      await this.audit.record(tx, principal, {
        action: 'team.create',
        entity: 'team',
        entityId: id,
        teams: [request.key],
        after: team,
      });
      return team;
    });
  }

  /** Renames a team: admins, and the managers of that team. */
  async renameTeam(key: string, name: string, principal: Principal): Promise<TeamResponse> {
    return this.dataSource.transaction(async (tx) => {
      const [team]: { id: string; name: string }[] = await tx.query(
        `SELECT id, name FROM teams WHERE key = $1 FOR UPDATE`,
        [key],
      );
      if (team === undefined) throw new NotFoundError(`no team with key ${key}`);
      const manages =
        principal.kind === 'user' &&
        (principal.role === 'admin' || (principal.role === 'manager' && principal.teams.includes(key)));
      if (!manages) throw new ForbiddenError('managers rename only the teams they manage');
      await tx.query(`UPDATE teams SET name = $2 WHERE id = $1`, [team.id, name]);
      const [count]: { n: string }[] = await tx.query(
        `SELECT count(*)::text AS n FROM reps WHERE team_id = $1`,
        [team.id],
      );
      const after = { key, name, members: Number(count?.n ?? 0) };
      await this.audit.record(tx, principal, {
        action: 'team.update',
        entity: 'team',
        entityId: team.id,
        teams: [key],
        before: { key, name: team.name },
        after,
      });
      return after;
    });
  }

  async teams(): Promise<TeamResponse[]> {
    const rows: { key: string; name: string; members: string }[] = await this.dataSource.query(
      `SELECT t.key, t.name, (SELECT count(*) FROM reps r WHERE r.team_id = t.id)::text AS members
       FROM teams t ORDER BY t.key`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, members: Number(r.members) }));
  }

  /** Creates or changes a rep; fields left out stay as they are. */
  async putRep(externalId: string, request: RepRequest, principal: Principal): Promise<RepResponse> {
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
      const [existing]: RepResponse[] = await this.repRows(tx, externalId);
      if (!canManageRep(principal, existing ?? null, { team: request.team })) {
        throw new ForbiddenError(
          'managers change only the reps of their teams (and take reps without a team into one)',
        );
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
      const after = await this.repOf(tx, externalId);
      await this.audit.record(tx, principal, {
        action: existing === undefined ? 'rep.create' : 'rep.update',
        entity: 'rep',
        entityId: externalId,
        teams: [existing?.team ?? null, after.team].filter((t): t is string => t !== null),
        before: existing ?? null,
        after,
      });
      return after;
    });
  }

  /** Reps: every one for admins; for managers those of their teams and those without a team. */
  async reps(principal: Principal): Promise<RepResponse[]> {
    const teams = principal.kind === 'user' && principal.role === 'manager' ? principal.teams : null;
    return (await this.repsRows.list(this.dataSource.manager, teams, 10_000)).map(toRepResponse);
  }

  private async repOf(tx: DataSource['manager'], externalId: string): Promise<RepResponse> {
    const [rep] = await this.repRows(tx, externalId);
    if (rep === undefined) throw new NotFoundError(`no rep with external id ${externalId}`);
    return rep;
  }
}
