import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A sales team. Contests name teams by `key` (e.g. `north`), which managers choose and can read. */
@Entity({ name: 'teams' })
@Index('uq_teams_key', ['key'], { unique: true })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_teams' })
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
