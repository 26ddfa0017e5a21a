import type { EntityManager } from 'typeorm';
import type { BoardSettings, MomentKind } from '#domain';

/** A screen with its board settings, as the TV and the console need it. */
export interface ScreenBoard {
  readonly id: string;
  readonly name: string;
  readonly contestIds: readonly string[];
  readonly settings: BoardSettings;
  readonly version: number;
  readonly revoked: boolean;
}

/** A TV waiting to be linked, locked for one poll or one link. */
export interface DeviceCodeRow {
  readonly id: string;
  readonly expiresAt: number;
  readonly intervalSeconds: number;
  readonly lastPolledAt: number | null;
  readonly screenId: string | null;
  readonly consumed: boolean;
}

interface ScreenRow {
  id: string;
  name: string;
  contest_ids: string[];
  top_n: number;
  seconds_per_slide: number;
  theme: 'dark' | 'light';
  language: 'auto' | 'en' | 'nl';
  celebrations_enabled: boolean;
  celebration_kinds: MomentKind[];
  celebration_sound: boolean;
  big_deal_amount: string | null;
  big_deal_currency: string | null;
  winners_hold_seconds: number;
  board_version: number;
  revoked_at: Date | null;
}

const SCREEN_COLUMNS = `id, name, contest_ids, top_n, seconds_per_slide, theme, language, celebrations_enabled,
  celebration_kinds, celebration_sound, big_deal_amount, big_deal_currency, winners_hold_seconds, board_version,
  revoked_at`;

function toScreenBoard(row: ScreenRow): ScreenBoard {
  return {
    id: row.id,
    name: row.name,
    contestIds: row.contest_ids,
    version: row.board_version,
    revoked: row.revoked_at !== null,
    settings: {
      secondsPerSlide: row.seconds_per_slide,
      topN: row.top_n,
      theme: row.theme,
      language: row.language,
      celebrations: {
        enabled: row.celebrations_enabled,
        kinds: row.celebration_kinds,
        sound: row.celebration_sound,
      },
      bigDeal:
        row.big_deal_amount === null || row.big_deal_currency === null
          ? null
          : { amount: Number(row.big_deal_amount), currency: row.big_deal_currency },
      winnersHoldSeconds: row.winners_hold_seconds,
    },
  };
}

/** Screens' boards and settings, and the device codes of TVs waiting to be linked to one. */
export class ScreensRepository {
  async board(tx: EntityManager, id: string): Promise<ScreenBoard | null> {
    const [row]: ScreenRow[] = await tx.query(`SELECT ${SCREEN_COLUMNS} FROM screens WHERE id = $1`, [id]);
    return row === undefined ? null : toScreenBoard(row);
  }

  /** The boards of these screens (unknown ids left out). */
  async boards(tx: EntityManager, ids: readonly string[]): Promise<ScreenBoard[]> {
    if (ids.length === 0) return [];
    const rows: ScreenRow[] = await tx.query(
      `SELECT ${SCREEN_COLUMNS} FROM screens WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toScreenBoard);
  }

  /** Locks a screen's row for a change; null when there is none. */
  async lockBoard(tx: EntityManager, id: string): Promise<ScreenBoard | null> {
    const [row]: ScreenRow[] = await tx.query(
      `SELECT ${SCREEN_COLUMNS} FROM screens WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row === undefined ? null : toScreenBoard(row);
  }

  /** Stores a screen's name, playlist and settings, and moves its board version on. */
  async saveBoard(
    tx: EntityManager,
    id: string,
    board: Pick<ScreenBoard, 'name' | 'contestIds' | 'settings'>,
  ): Promise<number> {
    const s = board.settings;
    const [row]: { board_version: number }[] = await tx.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH saved AS (
         UPDATE screens SET name = $2, contest_ids = $3::uuid[], top_n = $4, seconds_per_slide = $5, theme = $6,
           language = $7, celebrations_enabled = $8, celebration_kinds = $9::text[], celebration_sound = $10,
           big_deal_amount = $11, big_deal_currency = $12, winners_hold_seconds = $13,
           board_version = board_version + 1
         WHERE id = $1 RETURNING board_version)
       SELECT board_version FROM saved`,
      [
        id,
        board.name,
        [...board.contestIds],
        s.topN,
        s.secondsPerSlide,
        s.theme,
        s.language,
        s.celebrations.enabled,
        [...s.celebrations.kinds],
        s.celebrations.sound,
        s.bigDeal?.amount ?? null,
        s.bigDeal?.currency ?? null,
        s.winnersHoldSeconds,
      ],
    );
    return row?.board_version ?? 0;
  }

  /** Gives a screen a new token (by hash) and ends any pairing code. */
  async setToken(tx: EntityManager, id: string, tokenHash: string, tokenPrefix: string): Promise<void> {
    await tx.query(
      `UPDATE screens SET token_hash = $2, token_prefix = $3, pairing_hash = NULL, pairing_expires_at = NULL
       WHERE id = $1`,
      [id, tokenHash, tokenPrefix],
    );
  }

  /** Contest ids among `ids` that exist. */
  async existingContests(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await tx.query(`SELECT id FROM contests WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** Screens showing a contest: moments and board changes go to them. */
  async showing(tx: EntityManager, contestIds: readonly string[]): Promise<ScreenBoard[]> {
    if (contestIds.length === 0) return [];
    const rows: ScreenRow[] = await tx.query(
      `SELECT ${SCREEN_COLUMNS} FROM screens WHERE revoked_at IS NULL AND contest_ids && $1::uuid[]`,
      [contestIds],
    );
    return rows.map(toScreenBoard);
  }

  /**
   * Moves on the board version of every screen showing a contest (in id order: lock order), so their TVs
   * fetch the board again; the screens and their new versions.
   */
  async touchShowing(tx: EntityManager, contestId: string): Promise<{ id: string; version: number }[]> {
    const rows: { id: string; board_version: number }[] = await tx.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH locked AS (SELECT id FROM screens WHERE revoked_at IS NULL AND $1::uuid = ANY(contest_ids)
         ORDER BY id FOR NO KEY UPDATE),
       touched AS (UPDATE screens s SET board_version = s.board_version + 1 FROM locked WHERE s.id = locked.id
         RETURNING s.id, s.board_version)
       SELECT id, board_version FROM touched ORDER BY id`,
      [contestId],
    );
    return rows.map((r) => ({ id: r.id, version: r.board_version }));
  }

  // ---- device codes

  /** Stores a new device code (both codes as hashes); false when a hash is already taken (retry). */
  async createDeviceCode(
    tx: EntityManager,
    code: { deviceHash: string; userCodeHash: string; expiresAt: number; intervalSeconds: number },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO screen_device_codes (device_hash, user_code_hash, expires_at, interval_seconds)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [code.deviceHash, code.userCodeHash, new Date(code.expiresAt), code.intervalSeconds],
    );
    return rows.length === 1;
  }

  /** Forgets device codes that expired before `before` (they can only answer "expired"). */
  async purgeDeviceCodes(tx: EntityManager, before: number): Promise<void> {
    await tx.query(`DELETE FROM screen_device_codes WHERE expires_at < $1`, [new Date(before)]);
  }

  async lockDeviceCode(tx: EntityManager, deviceHash: string): Promise<DeviceCodeRow | null> {
    return this.lockBy(tx, 'device_hash', deviceHash);
  }

  async lockUserCode(tx: EntityManager, userCodeHash: string): Promise<DeviceCodeRow | null> {
    return this.lockBy(tx, 'user_code_hash', userCodeHash);
  }

  async markPolled(tx: EntityManager, id: string, at: number): Promise<void> {
    await tx.query(`UPDATE screen_device_codes SET last_polled_at = $2 WHERE id = $1`, [id, new Date(at)]);
  }

  async linkDeviceCode(tx: EntityManager, id: string, screenId: string, at: number): Promise<void> {
    await tx.query(`UPDATE screen_device_codes SET screen_id = $2, linked_at = $3 WHERE id = $1`, [
      id,
      screenId,
      new Date(at),
    ]);
  }

  async consumeDeviceCode(tx: EntityManager, id: string, at: number): Promise<void> {
    await tx.query(`UPDATE screen_device_codes SET consumed_at = $2 WHERE id = $1`, [id, new Date(at)]);
  }

  private async lockBy(
    tx: EntityManager,
    column: 'device_hash' | 'user_code_hash',
    hash: string,
  ): Promise<DeviceCodeRow | null> {
    const [row]: {
      id: string;
      expires_at: Date;
      interval_seconds: number;
      last_polled_at: Date | null;
      screen_id: string | null;
      consumed_at: Date | null;
    }[] = await tx.query(
      `SELECT id, expires_at, interval_seconds, last_polled_at, screen_id, consumed_at
       FROM screen_device_codes WHERE ${column} = $1 FOR UPDATE`,
      [hash],
    );
    if (row === undefined) return null;
    return {
      id: row.id,
      expiresAt: row.expires_at.getTime(),
      intervalSeconds: row.interval_seconds,
      lastPolledAt: row.last_polled_at?.getTime() ?? null,
      screenId: row.screen_id,
      consumed: row.consumed_at !== null,
    };
  }
}
