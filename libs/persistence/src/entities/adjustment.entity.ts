import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ContestPeriodEntity } from './contest-period.entity.js';

/**
 * A change to a final period's scores (a late event, a revision or a retraction after the close):
 * recorded so the frozen winners never change silently; resolved when a manager re-finalises.
 */
@Entity({ name: 'adjustments' })
@Index('ix_adjustments_board', ['contestId', 'periodStart'])
export class AdjustmentEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_adjustments',
    generatedIdentity: 'ALWAYS',
  })
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @ManyToOne(() => ContestPeriodEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'contest_id',
      referencedColumnName: 'contestId',
      foreignKeyConstraintName: 'fk_adjustments_period',
    },
    {
      name: 'period_start',
      referencedColumnName: 'periodStart',
      foreignKeyConstraintName: 'fk_adjustments_period',
    },
  ])
  period?: Relation<ContestPeriodEntity>;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  /** The event's revision that made the change. */
  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'rep_id', type: 'uuid' })
  repId: string;

  @Column({ name: 'points_before', type: 'bigint' })
  pointsBefore: string;

  @Column({ name: 'points_after', type: 'bigint' })
  pointsAfter: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
