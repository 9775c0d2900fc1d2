// HTTP adapter for search and rescue (/api/sar): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export async function sarRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<ZodTypeProvider>();
}
