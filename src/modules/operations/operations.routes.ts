// The jobs API for cleared staff: list timed work by view, look a job up, retry or cancel it.
// Thin: every route calls the kernel's oversight functions, which authorize and label-filter.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, text, ZErrorBody, wholeNumber } from '../../kernel/validation.ts';
import { listJobs, getJob, retryJob, cancelJob, JOB_VIEWS, viewOf, type Job } from '../../kernel/jobs/index.ts';
import type { AppContext } from '../../kernel/context.ts';
import { isWithheld, showAccountNames, showReferences, WITHHELD, withheldOr } from '../../kernel/references.ts';

const tags = ['operations'];
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const ZJob = z.object({
  id: z.string(), kind: z.string(), key: z.string(), state: z.enum(['pending', 'running', 'done', 'dead', 'cancelled']), view: z.enum(JOB_VIEWS),
  runAt: z.string(), payload: z.record(z.string(), z.unknown()), attempts: z.number(), lastError: z.string().nullable(),
  scheduledBy: withheldOr(z.string()).describe('user:<account>, or the console, a job, the demo loader; withheld when the account is of a person the reader may not see'),
  onBehalfOf: withheldOr(z.string()).nullable().describe('the registry person the work is done for; withheld when the reader may not see them'), classification: z.string(), compartments: z.array(z.string()), recurrence: z.string().nullable(),
  claimedBy: z.string().nullable(), leaseUntil: z.string().nullable(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
const ZJobsQuery = z.object({
  view: z.enum(JOB_VIEWS).optional().describe('due, scheduled, running, failed (will retry), dead, done, cancelled; all when absent'),
  kind: text(200).optional(),
  limit: wholeNumber(1, 500).default(100),
  offset: wholeNumber(0, 10_000_000).default(0),
}).strict();
const ZId = z.object({ id }).strict();

/**
 * Jobs as the reader may see them. A job carries the label of what it is about (a letter, a bill),
 * not of who scheduled it: the account and the person it was scheduled by or for are withheld from
 * a reader who may not see that person, as the audit viewer withholds them (attack a13k: every
 * letter's dispatch job named its sender).
 */
async function shown(ctx: AppContext, jobs: readonly Job[]) {
  const account = (by: string) => (by.startsWith('user:') ? by.slice(5) : null);
  const accounts = await showAccountNames(ctx, jobs.map((j) => account(j.scheduledBy)));
  const people = await showReferences(ctx, 'registry.person', jobs.flatMap((j) => (j.onBehalfOf ? [j.onBehalfOf] : [])));
  const now = ctx.now();
  return jobs.map((j) => {
    const { label, ...rest } = j;
    const name = account(j.scheduledBy);
    return {
      ...rest, view: viewOf(j, now), classification: label.classification, compartments: [...label.compartments],
      scheduledBy: name !== null && isWithheld(accounts.get(name)) ? WITHHELD : j.scheduledBy,
      onBehalfOf: j.onBehalfOf === null ? null : isWithheld(people.get(j.onBehalfOf) ?? WITHHELD) ? WITHHELD : j.onBehalfOf,
    };
  });
}
const one = async (ctx: AppContext, j: Job) => (await shown(ctx, [j]))[0]!;

export async function operationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/jobs', {
    schema: { tags, summary: 'Timed work by view, soonest first, with a count per view (label-filtered)', querystring: ZJobsQuery,
      response: { 200: z.object({ items: z.array(ZJob), total: z.number(), counts: z.record(z.enum(JOB_VIEWS), z.number()) }), ...errors } },
  }, async (req) => {
    const r = await listJobs(req.ctx, req.query);
    return { ...r, items: await shown(req.ctx, r.items) };
  });
  app.get('/jobs/:id', { schema: { tags, summary: 'One job', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => one(req.ctx, await getJob(req.ctx, req.params.id)));
  app.post('/jobs/:id/retry', { schema: { tags, summary: 'Run a job again from its first attempt, now (dead, cancelled, or waiting)', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => one(req.ctx, await retryJob(req.ctx, req.params.id)));
  app.post('/jobs/:id/cancel', { schema: { tags, summary: 'Cancel a job that has not run', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => one(req.ctx, await cancelJob(req.ctx, req.params.id)));
}
