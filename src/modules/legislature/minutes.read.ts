// Reading council minutes: the stored minutes of a session (draft or approved) beside the minutes
// the record gives now, or the record's alone as a preview until the clerk drafts them; and, for
// the statute book, the minutes of the sitting whose vote passed a bill. Hidden = unknown, as for
// the session itself.
import type { Kysely } from 'kysely';
import { subjectOf, type AppContext } from '../../kernel/context.ts';
import { allowed } from '../../kernel/auth/policy.ts';
import { isWithheld, showAccountNames, showReferences, WITHHELD } from '../../kernel/references.ts';
import { minutesOf } from './minutes.ts';
import { getSession, visibleSession } from './sessions.read.ts';
import type { TStoredMinutes } from './minutes.schema.ts';

type Row = Record<string, any>;
const maybeInstant = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export interface StoredMinutes {
  sessionId: string; text: string; status: 'draft' | 'approved'; version: number;
  generatedAt: string; generatedBy: string | null; editedAt: string | null; editedBy: string | null;
  approvedAt: string | null; approvedBy: string | null; approvedIn: string | null;
}
export const storedMinutesOf = (r: Row): StoredMinutes => ({
  sessionId: r.session_id, text: r.text, status: r.status, version: Number(r.version),
  generatedAt: maybeInstant(r.generated_at)!, generatedBy: r.generated_by ?? null, editedAt: maybeInstant(r.edited_at), editedBy: r.edited_by ?? null,
  approvedAt: maybeInstant(r.approved_at), approvedBy: r.approved_by ?? null, approvedIn: r.approved_in ?? null,
});

export async function storedMinutes(db: Kysely<any>, sessionId: string): Promise<StoredMinutes | null> {
  const r = await db.selectFrom('legislature_minutes').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
  return r ? storedMinutesOf(r) : null;
}

/** The minutes of a session: stored (draft or approved) when drafted, else the record's preview. */
export async function getMinutes(ctx: AppContext, code: string): Promise<TStoredMinutes> {
  const s = await visibleSession(ctx, code);
  const [generated, stored] = await Promise.all([getSession(ctx, s.code).then(minutesOf), storedMinutes(ctx.db, s.id)]);
  const youManage = allowed(ctx.policy, subjectOf(ctx.actor), 'legislature.session.manage', s.label);
  if (!stored) {
    return { ...generated, state: 'preview', version: null, generatedAt: null, generatedBy: null, editedAt: null, editedBy: null, approvedAt: null, approvedBy: null, approvedIn: null, youManage };
  }
  const names = await showAccountNames(ctx, [stored.generatedBy, stored.editedBy, stored.approvedBy]);
  const name = (n: string | null) => (n === null ? null : names.get(n) ?? n);
  let approvedIn: TStoredMinutes['approvedIn'] = null;
  if (stored.approvedIn) {
    const at = (await showReferences(ctx, 'legislature.session', [stored.approvedIn])).get(stored.approvedIn);
    approvedIn = !at || isWithheld(at) ? WITHHELD : { code: String(at.code), date: String(at.date) };
  }
  return {
    ...generated, text: stored.text, state: stored.status, version: stored.version,
    generatedAt: stored.generatedAt, generatedBy: name(stored.generatedBy), editedAt: stored.editedAt, editedBy: name(stored.editedBy),
    approvedAt: stored.approvedAt, approvedBy: name(stored.approvedBy), approvedIn, youManage,
  };
}
