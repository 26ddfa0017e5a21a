import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ContestEntity } from './contest.entity.js';

/**
 * A finalised contest period: its boards and awards frozen at finalisation. Only final periods have a
 * row; open and finalising ones follow from the clock.
 */
@Entity({ name: 'contest_periods' })
export class ContestPeriodEntity {
  @PrimaryColumn({ name: 'contest_id', type: 'uuid', primaryKeyConstraintName: 'pk_contest_periods' })
  contestId: string;

  @PrimaryColumn({
    name: 'period_start',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_contest_periods',
  })
  periodStart: Date;

  @ManyToOne(() => ContestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id', foreignKeyConstraintName: 'fk_contest_periods_contest_id' })
  contest?: Relation<ContestEntity>;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  /** 1 at the first finalisation, +1 at each re-finalisation. */
  @Column({ type: 'integer' })
  finalisation: number;

  @Column({ name: 'finalised_at', type: 'timestamptz', default: () => 'now()' })
  finalisedAt: Date;

  /** The frozen boards (top entries of each division) as the domain built them. */
  @Column({ type: 'jsonb' })
  results: Record<string, unknown>;
}
