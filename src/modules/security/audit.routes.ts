// The audit viewer's API: the log, filtered by person, action, object and date, for authorised roles.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
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
  seq: z.number(), at: z.string(), actor: withheldOr(z.string()).describe('who acted (user:NAME, system:…, anonymous); withheld with their person'),
  actorPersonId: withheldOr(z.string()).nullable().describe('the acting person, withheld when you are not cleared to see them'),
  onBehalfOf: withheldOr(z.string()).nullable().describe('the person a job or delegate acted for, withheld likewise'),
  action: z.string(),
  outcome: z.string(), objectType: z.string().nullable(), objectId: z.string().nullable(), classification: z.string(), compartments: z.array(z.string()),
  detail: z.unknown(), prevHash: z.string(), hash: z.string(),
  damage: z.string().optional().describe('present when the stored row is not as its writer stored it (unreadable or edited): what is wrong; `sandstone audit verify` reports it too'),
});

/** Which of these people the reader may see (a kernel test may run without the registry: then none). */
async function peopleShown(ctx: AppContext, ids: (string | null)[]) {
  const wanted = ids.filter((id): id is string => !!id);
  return ctx.references?.has('registry.person') ? showReferences(ctx, 'registry.person', wanted) : new Map<string, unknown>();
}

/**
 * The actor filter as given, when it names an account: the account must be one whose person the
 * reader may see, or it answers as a name no account has (the same lookup runs for both).
 */
async function visibleActor(ctx: AppContext, actor: string): Promise<string> {
  const m = /^user:(.+)$/.exec(actor);
  if (!m) return actor;
  const account = await ctx.db.selectFrom('kernel_account').select('person_id').where('username', '=', m[1]!).executeTakeFirst();
  const ref = account?.person_id ?? m[1]!;
  const seen = await peopleShown(ctx, [ref]);
  if (account && !isWithheld(seen.get(ref) ?? WITHHELD)) return actor;
  throw new AppError('AUDIT_ACTOR_NOT_FOUND', 'not_found', `No account has the username "${m[1]}". Check the name, or filter by action or date instead.`, [{ path: 'actor', message: 'no such account' }]);
}

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
    if (q.actor) base = base.where('a.actor', '=', await visibleActor(ctx, q.actor));
    // A person the reader may not see is unknown here too: the filter must not tell them apart.
    if (q.person) base = base.where('a.actor_person_id', '=', (await resolveReference(ctx, 'registry.person', q.person)).id);
    if (q.action) base = q.action.endsWith('*') ? base.where('a.action', 'like', q.action.slice(0, -1).replace(/[%_\\]/g, '') + '%') : base.where('a.action', '=', q.action);
    if (q.objectType) base = base.where('a.object_type', '=', q.objectType);
    if (q.objectId) base = base.where('a.object_id', '=', q.objectId);
    if (q.outcome) base = base.where('a.outcome', '=', q.outcome);
    if (q.from) base = base.where('a.at', '>=', new Date(q.from + 'T00:00:00Z').toISOString());
    // The day after the last one, except after the last day there is (its ISO form has six year digits).
    if (q.to && q.to < '9999-12-31') base = base.where('a.at', '<', new Date(new Date(q.to + 'T00:00:00Z').getTime() + 86_400_000).toISOString());
    if (L) base = base.where(labelVisible(ctx.dialect, 'a', L.maxRank, L.compartments));
    const [rows, n] = await Promise.all([
      // Read as stored and decoded without trusting it: a damaged row is shown as damaged, never a 500.
      selectStoredAudit(q.before ? base.where('a.seq', '<', q.before) : base, ctx.dialect, 'a').orderBy('a.seq', 'desc').limit(q.limit).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = await storedRowsToRecords(ctx.db, rows as Record<string, any>[]);
    // A visible record may name a person the reader may not see (a hidden officer's public act).
    // An account's record names its person in its detail, and keeps the label it was written with
    // even if the person has been raised since: the person is checked again as it stands.
    const detailPerson = (d: unknown): string | null => (d && typeof d === 'object' && typeof (d as any).personId === 'string' ? (d as any).personId : null);
    const people = await peopleShown(ctx, items.flatMap((i) => [i.actorPersonId, i.onBehalfOf, detailPerson(i.detail)]));
    const person = (id: string | null) => (id === null ? null : isWithheld(people.get(id) ?? WITHHELD) ? WITHHELD : id);
    return {
      items: items.map((i) => {
        const actorPersonId = person(i.actorPersonId);
        const dp = detailPerson(i.detail);
        return {
          ...i, actorPersonId, onBehalfOf: person(i.onBehalfOf),
          // The account name would tell who the withheld person is.
          actor: isWithheld(actorPersonId) ? WITHHELD : i.actor,
          detail: dp && isWithheld(person(dp)) ? { ...(i.detail as object), personId: WITHHELD, username: WITHHELD } : i.detail,
        };
      }),
      total: Number(n.n),
    };
  });
}
