// What a caller reads when a field is wrong: zod's default messages in plain words.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanIssue, plainWords } from './errors.ts';

const said = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse({ f: value });
  if (r.success) throw new Error('expected a refusal');
  const i = r.error.issues[0]!;
  return humanIssue(i.message, i.code, { f: value }, i.path);
};

describe('plain words for refusals', () => {
  const page = z.object({ f: z.coerce.number().int().min(1).max(500) });
  it.each([
    [page, 'abc', 'must be a number'],
    [page, '1.5', 'must be a whole number (got a number)'],
    [page, '0', 'must be at least 1'],
    [page, '501', 'must be at most 500'],
    [z.object({ f: z.enum(['genin', 'jounin']) }), 'captain', 'must be one of genin, jounin'],
    [z.object({ f: z.string().max(3) }), 'abcd', 'must have at most 3 characters'],
    [z.object({ f: z.string().min(1) }), '', 'must not be empty'],
    [z.object({ f: z.string() }), 5, 'must be text (got a number)'],
    [z.object({ f: z.array(z.string()).max(2) }), ['a', 'b', 'c'], 'must have at most 2 items'],
    [z.object({ f: z.boolean() }), 'x', 'must be true or false (got text)'],
    [z.object({ f: z.string() }), undefined, 'is required'],
  ])('%#: %j → %s', (schema, value, words) => {
    expect(said(schema as z.ZodTypeAny, value)).toBe(words);
  });

  it('leaves messages it does not know as they are', () => {
    expect(plainWords('is not a real calendar date')).toBe('is not a real calendar date');
  });
});
