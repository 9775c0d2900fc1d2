// Answers that are already JSON text or its UTF-8 bytes (kept by the read cache) go out as they are, skipping the
// serializer. Where responses are validated (tests), the text is still checked against the
// route's response schema, so a kept answer cannot drift from the API's contract unnoticed.
import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';

declare module 'fastify' {
  interface FastifyInstance {
    validatesResponses: boolean;
  }
}

export function sendJsonText(reply: FastifyReply, json: string | Buffer): FastifyReply {
  if (reply.server.validatesResponses) {
    const schema = (reply.routeOptions.schema?.response as Record<number, ZodType> | undefined)?.[reply.statusCode];
    const checked = schema?.safeParse(JSON.parse(json.toString()));
    if (checked && !checked.success) {
      throw new Error(`response did not match its schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
  }
  return reply.type('application/json; charset=utf-8').send(json);
}
