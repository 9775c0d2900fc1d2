// From now on audit details are stored in canonical JSON (keys sorted), so verify can refuse any
// other spelling; a log that already has records gets one record marking where that began.
import type { Kysely } from 'kysely';
import { appendAudit, auditHead, CANONICAL_STORAGE_ACTION } from '../audit-log.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs migrations in a transaction on both databases, as appendAudit needs.
  const head = await auditHead(db);
  if (head.seq === 0) return; // an empty log: every record will be canonical
  await appendAudit(db, { kind: 'system' }, new Date(), [{
    action: CANONICAL_STORAGE_ACTION,
    detail: { note: 'records before this one store their detail with keys in the order they were written; from here on, sorted' },
  }]);
}

export async function down(): Promise<void> {
  throw new Error('The audit log is never rewritten.');
}
