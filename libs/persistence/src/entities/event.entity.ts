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
import { RepEntity } from './rep.entity.js';

/**
 * The event ledger: the current version of every event ever accepted. It is the source of truth:
 * standings can always be rebuilt from it. A row is durable before the api answers 202.
 */
@Entity({ name: 'events' })
@Index('uq_events_source_external_id', ['source', 'externalId'], { unique: true })
@Index('ix_events_unscored', ['id'], { where: '"scored_revision" IS DISTINCT FROM "revision"' })
@Index('ix_events_occurred_at', ['occurredAt'])
/** Coaching: (rep_id, occurred_at) INCLUDE the measures, active events only (see its migration). */
@Index('ix_events_rep_activity', { synchronize: false })
@Check('ck_events_status', `"status" IN ('active', 'void')`)
@Check('ck_events_measures', `"quantity" >= 0 AND "amount_minor" >= 0`)
export class EventEntity {
  /** bigint identity: the ledger is append-mostly and the sweep walks it in id order. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_events',
    generatedIdentity: 'ALWAYS',
  })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'rep_id', type: 'uuid' })
  repId: string;

  @ManyToOne(() => RepEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rep_id', foreignKeyConstraintName: 'fk_events_rep_id' })
  rep?: Relation<RepEntity>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'bigint', nullable: true })
  quantity: string | null;

  @Column({ name: 'amount_minor', type: 'bigint', nullable: true })
  amountMinor: string | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The revision whose contributions are in the standings; differs from `revision` until scored. */
  @Column({ name: 'scored_revision', type: 'integer', nullable: true })
  scoredRevision: number | null;
}
