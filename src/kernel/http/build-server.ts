// Builds the Fastify server: zod validation, one error mapping, OpenAPI, SSE, modules, web app.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import Fastify, { type FastifyInstance, type FastifyError, type FastifyRequest } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import fp from 'fastify-plugin';
import { AppError, isAppError, humanIssue, cappedDetails, clip, summarize, MAX_ERROR_TEXT, type ErrorDetail } from '../errors.ts';
import { canRead, subjectOf, type AppContext } from '../context.ts';
import { allowed } from '../auth/policy.ts';
import { UnknownReference, countAnonymousRefusal, flushRefusalCounts, recordRefusedLookup } from '../references.ts';
import type { Label, Level } from '../auth/labels.ts';
import { authPlugin } from './auth-plugin.ts';
import { idempotencyPlugin } from './idempotency.ts';
import { MAX_REF_LENGTH } from '../validation.ts';
import type { SandstoneModule } from '../module.ts';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: AppContext;
  }
}

export interface ServerOptions {
  ctx: AppContext;
  modules: readonly SandstoneModule[];
  config: Pick<Config, 'logLevel' | 'webDist' | 'bodyLimitBytes'> & Partial<Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'trustProxy'>>;
  version: string;
  /**
   * Check every response against its zod schema. Tests turn it on so a response that drifts from
   * its documented shape fails loudly; in production the check would cost more than the query
   * (mappers build each response field by field, so no stray column can leak).
   */
  validateResponses?: boolean;
}

// The one shape of every error answer; its size is bounded whatever the request (see cappedDetails).
function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message: clip(message, 4 * MAX_ERROR_TEXT), details: cappedDetails(details) } };
}

/** Turns a zod/Fastify validation failure into "body.names.given: must not be empty". */
function validationDetails(err: FastifyError, req: FastifyRequest): ErrorDetail[] {
  const context = (err as { validationContext?: string }).validationContext ?? 'body';
  const input = (req as any)[context === 'querystring' ? 'query' : context];
  return (err.validation ?? []).map((v: any) => {
    const p = String(v.instancePath ?? '').split('/').filter(Boolean);
    return { path: [context, ...p].join('.'), message: humanIssue(String(v.message ?? 'is invalid'), v.keyword, input, p) };
  });
}

// Headers per OWASP for API answers: JSON is never a page, so nothing may load or frame it.
const API_HEADERS = { 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

// Node's own refusals, answered on the raw socket in our error format (as Fastify's default handler
// does with its own): 431 for headers too large, 408 for a request that took too long, else 400.
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers are too large (at most 16 KiB in all). Send fewer or shorter headers or cookies.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive. Send it again.'],
};
function answerClientError(this: FastifyInstance, err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP (its request line or a header is malformed). Check the client sending it.'];
  const body = JSON.stringify(errorBody(code, message));
  const headers = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`, 'content-type: application/json; charset=utf-8', `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(API_HEADERS).map(([k, v]) => `${k}: ${v}`), 'connection: close',
  ];
  if (socket.writable) socket.write(`${headers.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy(err);
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { ctx, modules, config, version } = opts;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy ?? false,
    // A path parameter may be a whole code, each character escaped (%2F): see MAX_REF_LENGTH. The router
    // measures it with most escapes decoded, so the words of the refusal give the unescaped limit only.
    routerOptions: { maxParamLength: 3 * MAX_REF_LENGTH },
    // Errors raised before routing (a URL that is not valid UTF-8, an over-long id) get our error body too.
    frameworkErrors: (err, _req, reply) => {
      const status = (err as FastifyError).statusCode ?? 400;
      const message = (err as FastifyError).code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? `A value in the URL path is too long: an id or code is at most ${MAX_REF_LENGTH} characters. Check the id or code in the address.`
        : 'The URL is not valid: it contains bytes that are not UTF-8 or a malformed percent-escape.';
      return (reply as any).code(status).send(errorBody((err as FastifyError).code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URL_PARAM_TOO_LONG' : 'BAD_URL', message));
    },
    // Requests Node's HTTP parser refuses before Fastify sees them (a garbled request line,
    // headers over 16 KiB) get our error body too, not Fastify's own shape.
    clientErrorHandler: answerClientError,
    // Node would answer a request without Host itself, with an empty 400; we refuse it below instead.
    http: { requireHostHeader: false },
  }).withTypeProvider<ZodTypeProvider>();
  // Node answers an Expect header it does not know (anything but 100-continue) itself, with an
  // empty 417, unless someone listens: we do, to answer in our format.
  app.server.on('checkExpectation', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.stringify(errorBody('EXPECTATION_FAILED', 'The Expect header asks for something this server does not do (only "100-continue" is understood). Send the request without it.'));
    res.writeHead(417, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });

  // JSON bodies are decoded strictly: bytes that are not UTF-8 are refused, not silently turned
  // into U+FFFD (which would store something the sender never wrote). Parsing itself stays
  // Fastify's own (prototype-poisoning checks included).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const isJsonSyntax = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let textBody: string;
    try {
      textBody = utf8.decode(body as Buffer);
    } catch {
      return done(new AppError('MALFORMED_BODY', 'bad_request', 'The request body is not valid UTF-8. Send JSON encoded as UTF-8.', [{ path: 'body', message: 'is not valid UTF-8' }]), undefined);
    }
    parseJson(req, textBody, (err, value) => {
      // Fastify's parser refuses a __proto__ key as "not valid JSON", which leaves the sender
      // guessing: valid JSON it refuses can only be refused for its keys.
      if (err && isJsonSyntax(textBody)) {
        return done(new AppError('MALFORMED_BODY', 'bad_request', 'The request body uses a key named "__proto__" or "constructor" with "prototype", which is refused because it could change how objects behave. Rename or remove that key.', [{ path: 'body', message: 'has a forbidden key (__proto__ / constructor.prototype)' }]), undefined);
      }
      done(err, value);
    });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(opts.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));

  app.decorateRequest('ctx', null as unknown as AppContext);
  app.decorate('validatesResponses', !!opts.validateResponses);
  // Set before any route or plugin, so every route is bound to it.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    // A refused lookup (hidden or unknown, alike) is recorded after the request's own transaction
    // has rolled back: see recordRefusedLookup for what is written for whom.
    if (err instanceof UnknownReference) {
      try {
        await recordRefusedLookup(req.ctx, req.ip, err.denial);
      } catch (e) {
        req.log.error({ err: e }, 'could not record a refused lookup');
      }
    }
    // An anonymous caller refused by the policy (401) is counted per address and minute, like a
    // refused lookup, instead of an audit record per request (authorize writes none for them).
    if (isAppError(err) && err.code === 'AUTH_REQUIRED' && req.ctx?.actor.kind === 'anonymous') {
      try {
        await countAnonymousRefusal(req.ctx, req.ip);
      } catch (e) {
        req.log.error({ err: e }, 'could not count a refused request');
      }
    }
    if (isAppError(err)) {
      if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.code(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = validationDetails(err, req);
      return reply.code(400).send(errorBody('VALIDATION_FAILED', `Invalid request — ${summarize(details)}`, details));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send(errorBody('INTERNAL', 'The server produced an invalid response; it has been logged.'));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE'
        : err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError ? 'MALFORMED_BODY'
        : 'BAD_REQUEST';
      return (reply as any).code(status).send(errorBody(code, err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('INTERNAL', 'Something went wrong on the server; it has been logged.'));
  });

  // The document collects routes as they are added, so it comes before the first plugin with
  // routes (the auth routes are part of the API too).
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sandstone API', description: 'The administration system of Sunagakure.', version },
    },
    transform: jsonSchemaTransform,
  });
  // HTTP/1.1 requires Host (RFC 9112 §3.2); the answer Node would have given, in our format.
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.headers.host === undefined && req.raw.httpVersion !== '1.0') {
      return done(new AppError('MALFORMED_REQUEST', 'bad_request', 'The request has no Host header, which HTTP/1.1 requires. Check the client sending it.'));
    }
    done();
  });
  await app.register(fp(authPlugin), { ctx, times: { idleMinutes: config.sessionIdleMinutes ?? 30, absoluteHours: config.sessionAbsoluteHours ?? 12 } });
  await app.register(fp(idempotencyPlugin), { ctx });
  // Headers per OWASP: API answers get the REST set (JSON is never a page: nothing may load or
  // frame it); pages get a policy that loads only our own scripts and styles.
  const pageHeaders = {
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY', 'cross-origin-opener-policy': 'same-origin',
  };
  const docsHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' };
  app.addHook('onSend', (req, reply, payload, done) => {
    const url = req.url;
    // The docs page (Swagger UI) sends its own content security policy.
    reply.headers(url.startsWith('/api/docs') ? docsHeaders : url.startsWith('/api/') ? API_HEADERS : pageHeaders);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done(null, payload);
  });

  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['kernel'],
        summary: 'Is the server up, and on which database',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await ctx.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return { status: 'ok' as const, database: ctx.dialect, version };
    },
  );

  // Server-sent events: every committed change announces itself here, as unnamed messages whose
  // data carries the type, so one listener (the web app's) hears them all. Each listener hears only
  // of records its clearance dominates, and only while the session it opened the stream with lives:
  // before each event and each ping the session is checked, and an ended one ends the stream.
  // Streams are ended when the server closes, or it would wait for them.
  const streams = new Set<{ end(): void }>();
  /** A person with many tabs open needs a few; more from one address is a flood. */
  const MAX_STREAMS_PER_ADDRESS = 16;
  const MAX_STREAMS = 4000;
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });
  // Anonymous refusals counted in memory this minute are written before the server stops.
  app.addHook('onClose', async () => {
    await flushRefusalCounts(ctx).catch((err) => app.log.error({ err }, 'could not write the counts of refused lookups'));
  });
  // Each stream holds a socket and a little memory for as long as the client likes: without a
  // bound, one address could open streams until the server runs out of file descriptors.
  const streamsFrom = new Map<string, number>();
  app.get('/api/events', { schema: { hide: true } }, (req, reply) => {
    if (req.method === 'HEAD') return reply.code(200).header('content-type', 'text/event-stream').header('cache-control', 'no-store').send();
    const address = req.ip;
    const mine = streamsFrom.get(address) ?? 0;
    if (mine >= MAX_STREAMS_PER_ADDRESS || streams.size >= MAX_STREAMS) {
      return reply.code(429).header('retry-after', '30').send(errorBody('TOO_MANY_STREAMS', mine >= MAX_STREAMS_PER_ADDRESS
        ? `There are already ${mine} live-update streams open from your address. Close some Sandstone tabs; live updates resume in the others.`
        : 'The server has as many live-update streams open as it serves. The page still works; reload it later for live updates.'));
    }
    streamsFrom.set(address, mine + 1);
    reply.hijack();
    const res = reply.raw;
    // X-Accel-Buffering: a proxy (nginx) must pass events on at once, not gather them.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n: connected\n\n');
    let open = true;
    const end = () => {
      if (open) res.end();
      open = false;
    };
    // One check at a time, in order, so events keep their order.
    let queue = Promise.resolve();
    const send = (frame: string) => {
      queue = queue
        .then(async () => {
          if (!open) return;
          if (await app.sessionStillLive(req)) res.write(frame);
          else end();
        })
        .catch(end);
    };
    const unsubscribe = ctx.events.subscribe((e) => {
      if (e.label && !canRead(req.ctx, { classification: e.label.classification as Level, compartments: e.label.compartments })) return;
      if (e.audience && !e.audience.includes(req.ctx.actor.personId ?? '')) return;
      if (e.allowedTo && !allowed(ctx.policy, subjectOf(req.ctx.actor), e.allowedTo, e.label as Label | undefined)) return;
      // Who else it was for stays here: an audience is people (an office's members, some hidden
      // from one another), and allowedTo names the policy that chose them (attack a14a).
      send(`data: ${JSON.stringify({ type: e.type, payload: e.payload, at: e.at, ...(e.label ? { label: e.label } : {}) })}\n\n`);
    });
    const ping = setInterval(() => send(': ping\n\n'), 25_000);
    const stream = { end };
    streams.add(stream);
    req.raw.on('close', () => {
      open = false;
      clearInterval(ping);
      unsubscribe();
      streams.delete(stream);
      const left = (streamsFrom.get(address) ?? 1) - 1;
      if (left > 0) streamsFrom.set(address, left);
      else streamsFrom.delete(address);
    });
  });

  for (const m of modules) {
    if (m.routes) await app.register(async (scope) => m.routes!(scope), { prefix: `/api/${m.name}` });
  }

  const webRoot = path.resolve(config.webDist);
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  }

  // A file the browser asks for (a script, a style, an image) is either there or a 404; any other
  // GET is a client-side route the web app decides about. Everything else that matches nothing is
  // a 404 in the one error format, whatever the method or path.
  const FILE = /^\/assets\/|\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|json|txt|xml|webmanifest)$/i;
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api/') || url === '/api') {
      return reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `There is no ${req.method} ${url}. The API is described at /api/docs.`));
    }
    const page = (req.method === 'GET' || req.method === 'HEAD') && url.startsWith('/') && !FILE.test(url);
    if (page && hasWeb) return reply.type('text/html').sendFile('index.html');
    if (page) return reply.code(404).send(errorBody('WEB_NOT_BUILT', 'The web app is not built. Run `npm run build` (or `npm start`, which builds it); the API is at /api.'));
    if (req.method === 'GET' || req.method === 'HEAD') return reply.code(404).send(errorBody('FILE_NOT_FOUND', `There is no file ${url}. Reload the page: the web app may have been updated.`));
    return reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `There is no ${req.method} ${url}. Pages are read with GET; the API is under /api (described at /api/docs).`));
  });

  return app;
}

