import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A one-time first-run setup code, printed by an api start while no admin exists (Jenkins' initial
 * admin secret, without a default password). Stored only as a hash; any code works until one is used
 * or an admin exists some other way, and then every code is deleted. Several api instances each print
 * their own code: each one printed works, because it is in this table, not in one process's memory.
 */
@Entity({ name: 'setup_codes' })
@Index('uq_setup_codes_code_hash', ['codeHash'], { unique: true })
export class SetupCodeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_setup_codes' })
  id: string;

  /** SHA-256 of the code (hex). */
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
