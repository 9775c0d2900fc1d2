// Drafts: a message its author is still writing. Saving one runs every check of sending except
// that it may have no recipients yet (the sender may send at its label; each recipient named is
// visible to them and cleared for it; attachments resolve), so what is saved could be sent as it
// is once addressed. A draft is its author's alone — anyone else gets the same 404 as for none —
// and nothing carries it: no code, no deliveries, no jobs until it is sent. Sending it checks it
// again as any message (422 at its fields, body.to…) and, in one transaction, writes the message
// and removes the draft.
import { authorize, canRead, transact, type AppContext } from '../../kernel/context.ts';
import { sql } from 'kysely';
import { forUpdate, fromJson, labelVisible, toJson } from '../../kernel/db/dialect.ts';
import { readerLabels, storedLabel } from '../../kernel/auth/reader.ts';
import { newId } from '../../kernel/ids.ts';
import { isWithheld, resolveReference, showReferences, UnknownReference, WITHHELD } from '../../kernel/references.ts';
import { parseInput } from '../../kernel/validation.ts';
import { isAppError } from '../../kernel/errors.ts';
import { PostErrors } from './post.errors.ts';
import { ZDraft, ZMessageSend, type TDraft, type TMessageFields } from './post.schema.ts';
import { prepareMessage, writeMessage } from './post.service.ts';
import { getMessage } from './post.read.ts';

type Row = Record<string, any>;
const instant = (v: unknown) => new Date(v as string).toISOString();
/**
 * The most drafts one account keeps: a draft is work in hand, not an archive, and each is up to
 * 20,000 characters of body.
 */
export const MAX_DRAFTS = 200;

/** The account a draft belongs to. */
const authorOf = (ctx: AppContext) => ctx.actor.username ?? ctx.actor.kind;

/** The caller's own draft, their clearance covering it; anyone else's, and none, alike: not found. */
async function ownDraft(ctx: AppContext, id: string): Promise<Row> {
  await authorize(ctx, 'post.read');
  const d = await ctx.db.selectFrom('post_draft').selectAll().where('id', '=', id).where('author', '=', authorOf(ctx)).executeTakeFirst();
  if (!d || !canRead(ctx, storedLabel(d))) throw PostErrors.draftNotFound(id);
  return d;
}

type OfficeOut = { id: string; code: string | null; name: string } | typeof WITHHELD;
/** An office a draft names (by id or code), as its author may see it now: one hidden since is withheld. */
async function officeOf(ctx: AppContext, ref: string): Promise<OfficeOut> {
  try {
    const o = await resolveReference(ctx, 'registry.organization', ref);
    return { id: o.id, code: o.code ?? null, name: String(o.shown.name ?? '') };
  } catch (e) {
    if (e instanceof UnknownReference) return WITHHELD;
    throw e;
  }
}

async function draftsOut(ctx: AppContext, rows: readonly Row[]) {
  const contents = rows.map((r) => fromJson<TMessageFields>(r.content, {} as TMessageFields));
  const people = await showReferences(ctx, 'registry.person', contents.flatMap((c) => (c.to ?? []).flatMap((t) => ('person' in t ? [t.person] : []))));
  const officeShown = new Map<string, OfficeOut>();
  for (const ref of new Set(contents.flatMap((c) => [...(c.to ?? []).flatMap((t) => ('office' in t ? [t.office] : [])), ...(c.from ? [c.from.office] : [])]))) officeShown.set(ref, await officeOf(ctx, ref));
  return rows.map((r, i) => {
    const c = contents[i]!;
    const label = storedLabel(r);
    return {
      id: r.id, version: Number(r.version), createdAt: instant(r.created_at), updatedAt: instant(r.updated_at),
      to: (c.to ?? []).map((t) => {
        if ('office' in t) return { office: officeShown.get(t.office) ?? WITHHELD };
        if (!('person' in t)) return { village: t.village };
        const s = people.get(t.person) ?? WITHHELD;
        return { person: isWithheld(s) ? WITHHELD : { id: String(s.id), name: String(s.displayName ?? '') }, at: t.at ?? null };
      }),
      subject: c.subject, body: c.body ?? '', precedence: c.precedence, actionRequested: !!c.actionRequested, inReplyTo: c.inReplyTo ?? null,
      attachments: (c.attachments ?? []).map((a) => ({ kind: a.kind, ref: a.ref })),
      classification: label.classification, compartments: [...label.compartments],
      sender: c.sender ?? null, fromVillage: c.fromVillage ?? null,
      from: c.from ? { office: officeShown.get(c.from.office) ?? WITHHELD } : null,
    };
  });
}

export async function getDraft(ctx: AppContext, id: string) {
  return (await draftsOut(ctx, [await ownDraft(ctx, id)]))[0]!;
}

/**
 * The caller's drafts, last changed first, a page at a time (those above their clearance now are
 * left out, in SQL, so pages and total agree). Without their bodies: a draft's body comes with
 * the draft itself (GET /drafts/:id).
 */
export async function listDrafts(ctx: AppContext, query: { limit: number; offset: number } = { limit: 50, offset: 0 }) {
  await authorize(ctx, 'post.read');
  const L = readerLabels(ctx);
  const mine = ctx.db.selectFrom('post_draft').where('author', '=', authorOf(ctx))
    .where(L ? labelVisible(ctx.dialect, 'post_draft', L.maxRank, L.compartments) : sql<boolean>`1 = 1`);
  const total = Number((await mine.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await mine.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  return { items: (await draftsOut(ctx, rows)).map(({ body: _body, ...rest }) => rest), total };
}

const stored = (p: TMessageFields) => toJson(p);

export async function saveDraft(ctx: AppContext, input: TDraft) {
  const p = parseInput(ZDraft, input);
  const { label } = await prepareMessage(ctx, p);
  const id = await transact(ctx, async (tx) => {
    // The cap is counted and the draft written as one step per author: the author's account row
    // is locked first (PostgreSQL; SQLite writes one transaction at a time), so a second save at
    // the same instant waits, then counts the first one's draft too. Two saves at 199 keep 200.
    await forUpdate(ctx.dialect, tx.db.selectFrom('kernel_account').select('id').where('username', '=', authorOf(ctx))).execute();
    const held = await tx.db.selectFrom('post_draft').select((eb) => eb.fn.countAll().as('n')).where('author', '=', authorOf(ctx)).executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_DRAFTS) throw PostErrors.tooManyDrafts(MAX_DRAFTS);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('post_draft').values({
      id, author: authorOf(ctx), author_person_id: ctx.actor.personId ?? null, subject: p.subject, content: stored(p),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    tx.audit({ action: 'post.draft', objectType: 'post_draft', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { saved: true, recipients: p.to.length } });
    return id;
  });
  return getDraft(ctx, id);
}

export async function updateDraft(ctx: AppContext, id: string, input: TDraft) {
  await authorize(ctx, 'post.send');
  const d = await ownDraft(ctx, id);
  const p = parseInput(ZDraft, input);
  const { label } = await prepareMessage(ctx, p);
  await transact(ctx, async (tx) => {
    const r = await tx.db.updateTable('post_draft').set({
      subject: p.subject, content: stored(p), classification: label.classification, compartments: toJson(label.compartments),
      version: Number(d.version) + 1, updated_at: tx.now.toISOString(),
    }).where('id', '=', id).where('version', '=', d.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw PostErrors.draftChanged();
    tx.audit({ action: 'post.draft', objectType: 'post_draft', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { saved: true, recipients: p.to.length } });
  });
  return getDraft(ctx, id);
}

export async function deleteDraft(ctx: AppContext, id: string): Promise<void> {
  await authorize(ctx, 'post.send');
  const d = await ownDraft(ctx, id);
  const label = storedLabel(d);
  await transact(ctx, async (tx) => {
    const r = await tx.db.deleteFrom('post_draft').where('id', '=', id).where('version', '=', d.version).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw PostErrors.draftChanged();
    tx.audit({ action: 'post.draft', objectType: 'post_draft', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { deleted: true } });
  });
}

/** Sends a draft as it was saved: every rule of sending applies (422 at its fields); the draft is gone once the message is accepted. */
export async function sendDraft(ctx: AppContext, id: string) {
  await authorize(ctx, 'post.send');
  const d = await ownDraft(ctx, id);
  let parsed;
  try {
    parsed = parseInput(ZMessageSend, fromJson<TMessageFields>(d.content, {} as TMessageFields));
  } catch (e) {
    // The request was well formed; what was saved is not yet a message that can go: 422 at its fields.
    if (isAppError(e) && e.code === 'VALIDATION_FAILED') throw PostErrors.draftIncomplete(e.details);
    throw e;
  }
  const prepared = await prepareMessage(ctx, parsed);
  const messageId = await transact(ctx, async (tx) => {
    const r = await tx.db.deleteFrom('post_draft').where('id', '=', id).where('version', '=', d.version).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw PostErrors.draftChanged();
    const m = await writeMessage(tx, prepared);
    tx.audit({ action: 'post.draft', objectType: 'post_draft', objectId: id, classification: prepared.label.classification, compartments: [...prepared.label.compartments], detail: { sent: m } });
    return m;
  });
  return getMessage(ctx, messageId);
}
