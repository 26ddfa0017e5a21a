import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ContestEntity } from './contest.entity.js';
import { EventEntity } from './event.entity.js';

/** What one event adds to one rep on one board: kept so a revision or retraction can be undone exactly. */
@Entity({ name: 'contributions' })
@Index('ix_contributions_board_rep', ['contestId', 'periodStart', 'repId'])
export class ContributionEntity {
  @PrimaryColumn({ name: 'event_id', type: 'bigint', primaryKeyConstraintName: 'pk_contributions' })
  eventId: string;

  @PrimaryColumn({ name: 'contest_id', type: 'uuid', primaryKeyConstraintName: 'pk_contributions' })
  contestId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_contributions_event_id' })
  event?: Relation<EventEntity>;

  @ManyToOne(() => ContestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id', foreignKeyConstraintName: 'fk_contributions_contest_id' })
  contest?: Relation<ContestEntity>;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'rep_id', type: 'uuid' })
  repId: string;

  @Column({ type: 'bigint' })
  points: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
