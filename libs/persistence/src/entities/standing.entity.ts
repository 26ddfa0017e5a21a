import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ContestEntity } from './contest.entity.js';
import { RepEntity } from './rep.entity.js';

/** One rep's score on one board (contest + period). Ranks are derived at read time, never stored. */
@Entity({ name: 'standings' })
@Index('ix_standings_board_order', ['contestId', 'periodStart', 'score', 'reachedAt', 'repId'])
export class StandingEntity {
  @PrimaryColumn({ name: 'contest_id', type: 'uuid', primaryKeyConstraintName: 'pk_standings' })
  contestId: string;

  @PrimaryColumn({ name: 'period_start', type: 'timestamptz', primaryKeyConstraintName: 'pk_standings' })
  periodStart: Date;

  @PrimaryColumn({ name: 'rep_id', type: 'uuid', primaryKeyConstraintName: 'pk_standings' })
  repId: string;

  @ManyToOne(() => ContestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id', foreignKeyConstraintName: 'fk_standings_contest_id' })
  contest?: Relation<ContestEntity>;

  @ManyToOne(() => RepEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rep_id', foreignKeyConstraintName: 'fk_standings_rep_id' })
  rep?: Relation<RepEntity>;

  @Column({ type: 'bigint' })
  score: string;

  @Column({ name: 'reached_at', type: 'timestamptz' })
  reachedAt: Date;
}
