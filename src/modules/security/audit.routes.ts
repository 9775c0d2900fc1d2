// The audit viewer's API: the log, filtered by person, action, object and date, for authorised roles.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../kernel/context.ts';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { labelVisible } from '../../kernel/db/dialect.ts';
import { selectStoredAudit, storedRowsToRecords } from '../../kernel/audit/audit-log.ts';
import { text, isoDate, ZErrorBody, wholeNumber } from '../../kernel/validation.ts';
import { resolveReference, showReferences, withheldOr, WITHHELD, isWithheld } from '../../kernel/references.ts';

const ZAuditQuery = z.object({
  actor: text(200).optional().describe('e.g. user:kankuro'),
  person: text(100).optional().describe('registry id or code of the acting person (unknown and not-cleared alike answer 404)'),
  action: text(200).optional().describe('exact action, or a prefix ending in * (registry.*)'),
  objectType: text(60).optional(),
  objectId: text(100).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: wholeNumber(1, 500).default(100),
  before: wholeNumber(1, Number.MAX_SAFE_INTEGER).optional().describe('records with a sequence below this (for paging back)'),
}).strict();

const ZAuditRecord = z.object({
  seq: z.number(), at: z.string(), actor: z.string(),
  actorPersonId: withheldOr(z.string()).nullable().describe('the acting person, withheld when you are not cleared to see them'),
  onBehalfOf: withheldOr(z.string()).nullable().describe('the person a job or delegate acted for, withheld likewise'),
  action: z.string(),
  outcome: z.string(), objectType: z.string().nullable(), objectId: z.string().nullable(), classification: z.string(), compartments: z.array(z.string()),
  detail: z.unknown(), prevHash: z.string(), hash: z.string(),
  damage: z.string().optional().describe('present when the stored row is not as its writer stored it (unreadable or edited): what is wrong; `sandstone audit verify` reports it too'),
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', {
    schema: { tags: ['security'], summary: 'Audit records, newest first (label-filtered)', querystring: ZAuditQuery, response: { 200: z.object({ items: z.array(ZAuditRecord), total: z.number() }), 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody } },
  }, async (req) => {
    const ctx = req.ctx;
    await authorize(ctx, 'audit.read');
    const q = req.query;
    const L = readerLabels(ctx);
    let base = ctx.db.selectFrom('kernel_audit_log as a');
    if (q.actor) base = base.where('a.actor', '=', q.actor);
    // A person the reader may not see is unknown here too: the filter must not tell them apart.
    if (q.person) base = base.where('a.actor_person_id', '=', (await resolveReference(ctx, 'registry.person', q.person)).id);
    if (q.action) base = q.action.endsWith('*') ? base.where('a.action', 'like', q.action.slice(0, -1).replace(/[%_\\]/g, '') + '%') : base.where('a.action', '=', q.action);
    if (q.objectType) base = base.where('a.object_type', '=', q.objectType);
    if (q.objectId) base = base.where('a.object_id', '=', q.objectId);
    if (q.outcome) base = base.where('a.outcome', '=', q.outcome);
    if (q.from) base = base.where('a.at', '>=', new Date(q.from + 'T00:00:00Z').toISOString());
    if (q.to) base = base.where('a.at', '<', new Date(new Date(q.to + 'T00:00:00Z').getTime() + 86_400_000).toISOString());
    if (L) base = base.where(labelVisible(ctx.dialect, 'a', L.maxRank, L.compartments));
    const [rows, n] = await Promise.all([
      // Read as stored and decoded without trusting it: a damaged row is shown as damaged, never a 500.
      selectStoredAudit(q.before ? base.where('a.seq', '<', q.before) : base, ctx.dialect, 'a').orderBy('a.seq', 'desc').limit(q.limit).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = await storedRowsToRecords(ctx.db, rows as Record<string, any>[]);
    // A visible record may name a person the reader may not see (a hidden officer's public act).
    const people = ctx.references?.has('registry.person')
      ? await showReferences(ctx, 'registry.person', items.flatMap((i) => [i.actorPersonId, i.onBehalfOf]).filter((id): id is string => !!id))
      : new Map();
    const person = (id: string | null) => (id === null ? null : isWithheld(people.get(id) ?? WITHHELD) ? WITHHELD : id);
    return { items: items.map((i) => ({ ...i, actorPersonId: person(i.actorPersonId), onBehalfOf: person(i.onBehalfOf) })), total: Number(n.n) };
  });
}
