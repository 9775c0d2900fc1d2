import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { renderPolicy } from './render-policy.ts';

describe('docs/POLICY.md', () => {
  it('is the policy table in code, rendered (run `npm run docs:policy` after changing the policy)', () => {
    const file = path.resolve(import.meta.dirname, '../docs/POLICY.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderPolicy());
  });
});
