import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { readTopLevel, PopoloFileError } from './popolo-stream.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-popolo-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(text: string, chunkBytes: number, lists = ['persons', 'memberships'], values = ['meta', 'warnings']) {
  const file = path.join(dir, 'doc.json');
  fs.writeFileSync(file, text);
  const keys: string[] = [];
  const out = [];
  for await (const v of readTopLevel(file, new Set(lists), new Set(values), chunkBytes, (k) => keys.push(k))) out.push(v);
  return { out, keys };
}

describe('reading a Popolo file entry by entry', () => {
  it('gives every entry of the lists asked for, whatever the spacing and wherever the read buffer ends', async () => {
    const doc = {
      meta: { a: [1, { b: '}' }] },
      persons: [{ id: 'a', name: 'Ann "q" ]}\\', n: [1, 2, { x: 'é€😀' }] }, 3, true, null, 's,t', -1.5e3, []],
      organizations: [{ skipped: '[' }],
      warnings: 'w',
      memberships: [{ x: 1 }],
    };
    for (const spacing of [0, 1, 2]) {
      for (const chunk of [1, 2, 3, 7, 64, 65536]) {
        const { out, keys } = await read(JSON.stringify(doc, null, spacing), chunk);
        expect(keys).toEqual(['meta', 'persons', 'organizations', 'warnings', 'memberships']);
        expect(out.filter((v) => v.key === 'persons').map((v) => v.value)).toEqual(doc.persons);
        expect(out.filter((v) => v.key === 'persons').map((v) => v.index)).toEqual(doc.persons.map((_, i) => i));
        expect(out.find((v) => v.key === 'meta')).toEqual({ key: 'meta', value: doc.meta });
        expect(out.find((v) => v.key === 'warnings')).toEqual({ key: 'warnings', value: 'w' });
        expect(out.filter((v) => v.key === 'organizations')).toEqual([]);
      }
    }
  });

  it('reads any JSON list of entries the way JSON.parse does', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (persons, chunk) => {
      const { out } = await read(JSON.stringify({ x: 1, persons }), chunk);
      expect(out.map((v) => v.value)).toEqual(JSON.parse(JSON.stringify(persons)));
    }), { numRuns: 60 });
  });

  it('hands a list field that is not a list over whole, for the checks to refuse', async () => {
    const { out } = await read('{"persons": 5}', 3);
    expect(out).toEqual([{ key: 'persons', value: 5 }]);
  });

  it('refuses what is not a whole JSON object, naming the place', async () => {
    for (const text of ['[1]', '{"persons": [{"a": 1}', '{"persons": [1 2]}', '{"persons": [{"a": tru}]}', '{"a": 1} x']) {
      await expect(read(text, 4), text).rejects.toBeInstanceOf(PopoloFileError);
    }
    await expect(readTopLevel(path.join(dir, 'missing.json'), new Set(['persons'])).next()).rejects.toThrow(/Cannot read/);
  });
});
