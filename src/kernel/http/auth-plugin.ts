// Who is asking: resolves the session cookie into the request's actor, enforces CSRF on writes
// made with a cookie, and serves login, logout and "who am I".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parse as parseCookie } from 'cookie';
import { AppError } from '../errors.ts';
import { ANONYMOUS_ACTOR, withActor, type AppContext } from '../context.ts';
import { lookupSession, sameSecret, sessionStillLive, type ResolvedSession, type SessionTimes } from '../auth/sessions.ts';
import { login, logout, ZLogin } from '../auth/login.ts';
import { ZErrorBody } from '../validation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyInstance {
    /** For answers that outlast their request (event streams): is the session they were opened with still live? True for anonymous ones. */
    sessionStillLive(req: FastifyRequest): Promise<boolean>;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

/** Over HTTPS the cookie gets Secure and the __Host- prefix (bound to this host, path /). */
export const cookieName = (secure: boolean) => (secure ? '__Host-sandstone' : 'sandstone');

// A well-kept parser (the `cookie` package, which Express uses) rather than our own split: it
// never throws, so a malformed header (`sandstone=%`, a stray `;`) is simply no session.
function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name] || undefined;
}

function setSessionCookie(reply: FastifyReply, secure: boolean, token: string | null) {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  reply.header('set-cookie', token === null ? `${cookieName(secure)}=; ${attrs.join('; ')}; Max-Age=0` : `${cookieName(secure)}=${token}; ${attrs.join('; ')}`);
}

const ZUser = z.object({
  username: z.string(), personId: z.string(), displayName: z.string(), role: z.string(),
  clearance: z.object({ level: z.string(), compartments: z.array(z.string()) }),
});

export async function authPlugin(fastify: FastifyInstance, opts: { ctx: AppContext; times: SessionTimes }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctx, times } = opts;

  app.decorateRequest('session', null);
  fastify.decorate('sessionStillLive', async (req: FastifyRequest) => !req.session || sessionStillLive(ctx.database, req.session.tokenHash, ctx.now(), times));
  const anonymous = withActor(ctx, ANONYMOUS_ACTOR);
  // A session's actor is one frozen object while its row is unchanged, so is its context.
  const contexts = new WeakMap<object, AppContext>();
  const contextOf = (actor: ResolvedSession['actor']) => {
    let c = contexts.get(actor);
    if (!c) contexts.set(actor, (c = withActor(ctx, actor)));
    return c;
  };
  function admit(req: FastifyRequest, s: ResolvedSession | null, done: (err?: Error) => void) {
    if (s) {
      req.session = s;
      req.ctx = contextOf(s.actor);
    }
    // A write carried by a live session's cookie must prove it comes from our own page. Login
    // too: without a session it needs no token (none exists yet), but from within one it does,
    // so a form on another site cannot swap a logged-in user's session for another account.
    if (req.session && UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, req.session.csrfToken)) {
        return done(new AppError('AUTH_CSRF_INVALID', 'forbidden', `This change was refused: the ${CSRF_HEADER} header is missing or does not match your session. Reload the page and try again.`));
      }
    }
    done();
  }
  // Not async: most requests are answered without a promise (no cookie, or a session that
  // SQLite's committed reader finds at once); the rest wait for the database.
  app.addHook('onRequest', (req, _reply, done) => {
    req.session = null;
    req.ctx = anonymous;
    const token = readCookie(req, cookieName(req.protocol === 'https'));
    if (!token) return done();
    const found = lookupSession(ctx.database, token, ctx.now(), times);
    if (found instanceof Promise) found.then((s) => admit(req, s, done), done);
    else admit(req, found, done);
  });

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie and returns the CSRF token for later writes', body: ZLogin, response: { 200: z.object({ user: ZUser, csrfToken: z.string() }), 400: ZErrorBody, 401: ZErrorBody, 429: ZErrorBody } },
  }, async (req, reply) => {
    const r = await login(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] }, times);
    // The cookie is replaced: the session it held ends too, rather than live on unseen (a copy of
    // the old cookie would otherwise still act as the previous user).
    if (req.session) await logout(req.ctx, req.session.tokenHash);
    setSessionCookie(reply, req.protocol === 'https', r.token);
    return { user: r.user, csrfToken: r.csrfToken };
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), 401: ZErrorBody, 403: ZErrorBody } },
  }, async (req, reply) => {
    if (!req.session) throw new AppError('AUTH_REQUIRED', 'unauthorized', 'You are not logged in.');
    await logout(req.ctx, req.session.tokenHash);
    setSessionCookie(reply, req.protocol === 'https', null);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    schema: {
      tags: ['auth'], summary: 'Who is logged in on this session (user null when nobody), and the actions their role allows',
      response: { 200: z.object({ user: ZUser.nullable(), csrfToken: z.string().nullable(), idleMinutes: z.number(), permissions: z.array(z.string()) }) },
    },
  }, async (req) => {
    const role = req.ctx.actor.role ?? 'public';
    const permissions = [...ctx.policy.values()].filter((r) => r.roles.includes(role)).map((r) => r.action).sort();
    if (!req.session) return { user: null, csrfToken: null, idleMinutes: times.idleMinutes, permissions };
    const a = req.session.actor;
    const row = await ctx.db.selectFrom('kernel_account').select('display_name').where('id', '=', a.accountId!).executeTakeFirst();
    return {
      user: { username: a.username!, personId: a.personId!, displayName: row?.display_name ?? a.username!, role: a.role!, clearance: { level: a.clearance!.level, compartments: [...a.clearance!.compartments] } },
      csrfToken: req.session.csrfToken,
      idleMinutes: times.idleMinutes,
      permissions,
    };
  });
}
