// Idempotency-Key on POST: the first request with a key runs and its answer is kept for 24 hours;
// a retry with the same key and body gets that answer back and changes nothing; the same key with
// another body is refused (422). A retry that finds no answer yet runs again: the change it makes
// claims the key in its own transaction (see transact), and only one claim can commit, so a key
// never makes two changes — the loser gets 409. If the change committed but its answer was lost
// (the server stopped in between), a retry is told so (409) instead of doing it again. A retry
// that arrives while this server is still keeping the first one's answer waits for it instead.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import type { AppContext, IdempotencyClaim } from '../context.ts';

/** How long a retry waits for the answer of the same request still running on this server. */
const ANSWER_WAIT_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotencyClaim;
  }
}

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const KEPT_HEADERS = ['location', 'etag', 'content-type'];
/** How long an answer is kept; older keys are removed by the kernel.idempotency.purge job. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export async function idempotencyPlugin(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  // The keyed requests this server is carrying out, by caller and key: each settles once its answer
  // is kept (or it ended without one). A change committed whose answer is not kept yet is still
  // being answered, not lost, while its request is among these.
  const running = new Map<string, Set<Promise<void>>>();
  const settlers = new WeakMap<FastifyRequest, () => void>();
  const runningId = (scope: string, key: string) => `${scope}\n${key}`;

  // Only POST routes get the hooks, so reads pay nothing for them. Routes registered before this
  // plugin are not covered: that is login, whose answer starts a session and must never be replayed.
  const withHook = <H>(existing: H | H[] | undefined, hook: H): H[] => [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), hook];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST')) return;
    route.preHandler = withHook(route.preHandler as any, before as any) as any;
    route.onSend = withHook(route.onSend as any, after as any) as any;
  });

  async function before(req: FastifyRequest, reply: FastifyReply) {
    if (req.method !== 'POST') return;
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (!KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID', 'bad_request', 'Idempotency-Key must be 8–128 letters, digits or ._:- (a UUID is ideal).', [{ path: 'headers.idempotency-key', message: 'invalid' }]);
    // Keys are per caller, so nobody can replay (and read) another person's answer.
    const scope = req.ctx.actor.accountId ?? `anonymous:${req.ip}`;
    const requestHash = createHash('sha256').update(req.method).update('\n').update(req.url).update('\n').update(JSON.stringify(req.body ?? null)).digest('hex');
    const now = ctx.now();
    // This key's own row, if expired, goes now (the purge job clears the rest hourly), so an old key starts afresh.
    await ctx.db.deleteFrom('kernel_idempotency').where('scope', '=', scope).where('key', '=', key).where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString()).execute();
    const inserted = await ctx.db
      .insertInto('kernel_idempotency')
      .values({ scope, key, request_hash: requestHash, status: null, response: null, headers: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    const claim = (): void => {
      req.idempotency = { scope, key, applied: false };
      req.ctx = { ...req.ctx, idempotency: req.idempotency };
      const id = runningId(scope, key);
      const mine = running.get(id) ?? running.set(id, new Set()).get(id)!;
      let settle!: () => void;
      const settled = new Promise<void>((resolve) => { settle = resolve; });
      mine.add(settled);
      const done = () => {
        settle();
        mine.delete(settled);
        if (!mine.size && running.get(id) === mine) running.delete(id);
      };
      settlers.set(req, done);
      // However the request ends (an aborted connection never reaches onSend).
      req.raw.once('close', done);
    };
    const replay = (prior: Record<string, any>) => {
      const headers = JSON.parse(prior.headers ?? '{}') as Record<string, string>;
      for (const [h, v] of Object.entries(headers)) reply.header(h, v);
      reply.header('idempotent-replay', 'true');
      return reply.code(Number(prior.status)).send(prior.response ?? '');
    };
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return claim();
    const keyRow = () => ctx.db.selectFrom('kernel_idempotency').selectAll().where('scope', '=', scope).where('key', '=', key);
    const prior = await keyRow().executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'unprocessable', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.', [{ path: 'headers.idempotency-key', message: 'already used with another body' }]);
    }
    if (prior.status === null) {
      if (prior.applied_at !== null) {
        // Carried out: by a request this server is still answering (wait for its answer), or by one
        // whose answer was lost.
        const inFlight = running.get(runningId(scope, key));
        if (inFlight?.size) {
          ctx.faults?.answerAwaited?.();
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([Promise.all(inFlight), new Promise((resolve) => { timer = setTimeout(resolve, ANSWER_WAIT_MS); })]);
          clearTimeout(timer);
          const kept = await keyRow().executeTakeFirst();
          if (kept && kept.status !== null) return replay(kept);
        }
        throw new AppError('IDEMPOTENCY_ANSWER_LOST', 'conflict', 'This request was already carried out, but its answer was lost (the server stopped before sending it). Do not send it again: look the record up instead.');
      }
      // The first attempt is still running, or stopped before its change committed: run again.
      return claim();
    }
    return replay(prior);
  }

  async function after(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = req.idempotency;
    if (!claim) return payload;
    try {
      return await keep(reply, payload, claim);
    } finally {
      settlers.get(req)?.();
    }
  }

  async function keep(reply: FastifyReply, payload: unknown, claim: IdempotencyClaim) {
    await ctx.faults?.beforeAnswerKept?.();
    const mine = (qb: any) => qb.where('scope', '=', claim.scope).where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      // Nothing was changed (or we cannot tell): let the client try the same key again. A change that
      // did commit keeps its claim, so a retry is told its answer was lost rather than doing it twice.
      if (!claim.applied) await mine(ctx.db.deleteFrom('kernel_idempotency')).where('applied_at', 'is', null).where('status', 'is', null).execute();
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    const answer = { status: reply.statusCode, response: typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : String(payload), headers: JSON.stringify(headers) };
    // The request that made the change keeps its answer; a refusal is kept only while no request has
    // made the change (the loser of a race must not overwrite the winner's answer).
    let update = mine(ctx.db.updateTable('kernel_idempotency').set(answer));
    if (!claim.applied) update = update.where('applied_at', 'is', null).where('status', 'is', null);
    await update.execute();
    return payload;
  }
}
