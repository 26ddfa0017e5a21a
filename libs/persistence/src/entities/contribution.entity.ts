import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What one event adds to one rep on one board: kept so a revision or retraction can be undone exactly.
 * No foreign keys on purpose: rows are written only by the scoring transaction, which holds the event
 * (NO KEY UPDATE) and the contest (KEY SHARE) locked, so the references cannot dangle; the per-row
 * checks cost a trigger each on the hottest insert and took locks that contended with contest rebuilds.
 */
@Entity({ name: 'contributions' })
@Index('ix_contributions_board_rep', ['contestId', 'periodStart', 'repId'])
export class ContributionEntity {
  @PrimaryColumn({ name: 'event_id', type: 'bigint', primaryKeyConstraintName: 'pk_contributions' })
  eventId: string;

  @PrimaryColumn({ name: 'contest_id', type: 'uuid', primaryKeyConstraintName: 'pk_contributions' })
  contestId: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'rep_id', type: 'uuid' })
  repId: string;

  @Column({ type: 'bigint' })
  points: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
