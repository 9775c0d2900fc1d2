// The jobs API for cleared staff: list timed work by view, look a job up, retry or cancel it.
// Thin: every route calls the kernel's oversight functions, which authorize and label-filter.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, text, ZErrorBody, wholeNumber } from '../../kernel/validation.ts';
import { listJobs, getJob, retryJob, cancelJob, JOB_VIEWS, viewOf, type Job } from '../../kernel/jobs/index.ts';

const tags = ['operations'];
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const ZJob = z.object({
  id: z.string(), kind: z.string(), key: z.string(), state: z.enum(['pending', 'running', 'done', 'dead', 'cancelled']), view: z.enum(JOB_VIEWS),
  runAt: z.string(), payload: z.record(z.string(), z.unknown()), attempts: z.number(), lastError: z.string().nullable(), scheduledBy: z.string(),
  onBehalfOf: z.string().nullable(), classification: z.string(), compartments: z.array(z.string()), recurrence: z.string().nullable(),
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

const toBody = (j: Job, now: Date) => {
  const { label, ...rest } = j;
  return { ...rest, view: viewOf(j, now), classification: label.classification, compartments: [...label.compartments] };
};

export async function operationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/jobs', {
    schema: { tags, summary: 'Timed work by view, soonest first, with a count per view (label-filtered)', querystring: ZJobsQuery,
      response: { 200: z.object({ items: z.array(ZJob), total: z.number(), counts: z.record(z.enum(JOB_VIEWS), z.number()) }), ...errors } },
  }, async (req) => {
    const r = await listJobs(req.ctx, req.query);
    const now = req.ctx.now();
    return { ...r, items: r.items.map((j) => toBody(j, now)) };
  });
  app.get('/jobs/:id', { schema: { tags, summary: 'One job', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => toBody(await getJob(req.ctx, req.params.id), req.ctx.now()));
  app.post('/jobs/:id/retry', { schema: { tags, summary: 'Run a job again from its first attempt, now (dead, cancelled, or waiting)', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => toBody(await retryJob(req.ctx, req.params.id), req.ctx.now()));
  app.post('/jobs/:id/cancel', { schema: { tags, summary: 'Cancel a job that has not run', params: ZId, response: { 200: ZJob, ...errors } } },
    async (req) => toBody(await cancelJob(req.ctx, req.params.id), req.ctx.now()));
}
