import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { ContestPeriodEntity } from './contest-period.entity.js';
import { RepEntity } from './rep.entity.js';

/** A prize won in a finalised period; replaced as a whole when the period is re-finalised. */
@Entity({ name: 'awards' })
@Index('ix_awards_board', ['contestId', 'periodStart'])
@Index('ix_awards_rep_id', ['repId'])
@Check('ck_awards_kind', `"kind" IN ('rank', 'threshold')`)
@Check('ck_awards_winner_kind', `"winner_kind" IN ('rep', 'team')`)
export class AwardEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_awards',
    generatedIdentity: 'ALWAYS',
  })
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @ManyToOne(() => ContestPeriodEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'contest_id', referencedColumnName: 'contestId', foreignKeyConstraintName: 'fk_awards_period' },
    {
      name: 'period_start',
      referencedColumnName: 'periodStart',
      foreignKeyConstraintName: 'fk_awards_period',
    },
  ])
  period?: Relation<ContestPeriodEntity>;

  @Column({ type: 'text', nullable: true })
  division: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'integer', nullable: true })
  rank: number | null;

  @Column({ name: 'at_least', type: 'bigint', nullable: true })
  atLeast: string | null;

  @Column({ type: 'jsonb' })
  prize: Record<string, unknown>;

  @Column({ name: 'winner_kind', type: 'text' })
  winnerKind: string;

  /** The rep's external id, or the team's key. */
  @Column({ name: 'winner_key', type: 'text' })
  winnerKey: string;

  @Column({ name: 'winner_name', type: 'text' })
  winnerName: string;

  /** The winning rep (null for a team's prize): per-rep wins are counted on it. */
  @Column({ name: 'rep_id', type: 'uuid', nullable: true })
  repId: string | null;

  @ManyToOne(() => RepEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rep_id', foreignKeyConstraintName: 'fk_awards_rep_id' })
  rep?: Relation<RepEntity>;

  @Column({ name: 'winner_rank', type: 'integer' })
  winnerRank: number;

  /** The winner's 1-based line on the board (the rule of who sees which line counts lines, not ranks). */
  @Column({ name: 'winner_position', type: 'integer' })
  winnerPosition: number;

  /** How many lines the winner's board had. */
  @Column({ name: 'board_total', type: 'integer' })
  boardTotal: number;

  @Column({ type: 'bigint' })
  score: string;

  @Column({ type: 'bigint' })
  value: string;
}
