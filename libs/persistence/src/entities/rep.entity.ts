import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'reps' })
@Index('uq_reps_external_id', ['externalId'], { unique: true })
@Index('ix_reps_team_id', ['teamId'])
export class RepEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reps' })
  id: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** Created by ingest from an unknown rep id: a manager should review it. */
  @Column({ name: 'is_new', type: 'boolean', default: true })
  isNew: boolean;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_reps_team_id' })
  team?: Relation<TeamEntity>;

  /** The rep's role (e.g. SDR, AE): contests can run separate boards per role. */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  /** The rep chose not to appear on office TVs (they still compete and see their own rank). */
  @Column({ name: 'hidden_from_tv', type: 'boolean', default: false })
  hiddenFromTv: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
