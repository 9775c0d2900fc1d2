// HTTP adapter for the law search: GET /api/legislature/search (the module's routes call searchRoutes).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import { searchLaw, ZSearchAnswer, ZSearchParams } from './search.ts';

export async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/search', {
    schema: {
      tags: ['legislature'],
      summary: 'Full-text search of the law: ranked, with highlighted snippets, filters (kind, title, in force on a date), prefixes, phrases, negation and typo correction; a query that is one citation also says where to jump',
      querystring: ZSearchParams,
      response: { 200: ZSearchAnswer, 400: ZErrorBody },
    },
  }, async (req) => searchLaw(req.ctx, req.query));
}
