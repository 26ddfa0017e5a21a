import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'reps' })
@Index('uq_reps_external_id', ['externalId'], { unique: true })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
