import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'contests' })
@Check('ck_contests_status', `"status" IN ('draft', 'scheduled', 'live', 'finalising', 'final', 'archived')`)
export class ContestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contests' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'live' })
  status: string;

  /** The contest's rules as the api accepted them (the wire shape of metric, period and tie rule). */
  @Column({ type: 'jsonb' })
  rules: Record<string, unknown>;

  /** Prizes per rank and per threshold (editable at any time; awarded at finalisation). */
  @Column({ type: 'jsonb' })
  prizes: Record<string, unknown>;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  /** Bumped in every transaction that changes the contest's standings; orders realtime messages. */
  @Column({ name: 'standings_version', type: 'bigint', default: 0 })
  standingsVersion: string;

  /**
   * Start of the period the board shows. The worker moves it at each period boundary and bumps
   * `standings_version` in the same statement, so screens roll over with a strictly newer version.
   */
  @Column({ name: 'current_period_start', type: 'timestamptz', default: () => 'now()' })
  currentPeriodStart: Date;

  /** When the standings were last rebuilt from the ledger; null until the first rebuild ran. */
  @Column({ name: 'rebuilt_at', type: 'timestamptz', nullable: true })
  rebuiltAt: Date | null;

  /** When a manager paused the contest (it keeps scoring; boards show it paused); null while it runs. */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
