// The waiting deliveries' index holds only those still queued: the aviary reads the queue through
// it, most urgent first, and nothing else asks it. Keyed by state as before, it held every delivery
// ever made, and each one written delivered (a mail bag's post within the village) or moved on
// (read, acknowledged) wrote an entry there that no read of the queue wants.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_delivery_queue_idx').execute();
  await db.schema.createIndex('post_delivery_queue_idx').on('post_delivery').columns(['precedence_rank', 'accepted_at', 'id']).where(sql<boolean>`state = 'queued'`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_delivery_queue_idx').execute();
  await db.schema.createIndex('post_delivery_queue_idx').on('post_delivery').columns(['state', 'precedence_rank', 'accepted_at', 'id']).execute();
}
