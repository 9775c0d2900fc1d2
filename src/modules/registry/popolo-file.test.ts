import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { isAppError } from '../../kernel/errors.ts';
import { importPopolo, importPopoloFile, toPopolo } from './index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-popolo-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A file with a bit of everything the checks look at, and more persons than one chunk holds. */
function sample(persons = 2300) {
  return {
    // Memberships first: the file's order must not matter.
    memberships: [
      ...Array.from({ length: persons }, (_, i) => ({ person_id: `p${i}`, organization_id: `o${i % 3}`, role: 'member', start_date: '2016' })),
      { person_id: 'p1', organization_id: 'o1', role: 'member', start_date: '2016' }, // repeated: imported once
      { person_id: 'p2', post_id: 'chair', role: 'chair' }, // organization from its post
    ],
    events: [{ id: 'e1' }],
    warnings: ['from the producer'],
    persons: [
      ...Array.from({ length: persons }, (_, i) => ({ id: `p${i}`, name: i === 7 ? ' Padded Name ' : `Person ${i}`, email: `p${i}@example.org`, nickname: i === 3 ? 'x' : undefined })),
      { name: 'Person 5' }, // no id, and a name shared with p5
    ],
    organizations: [{ id: 'o0', name: 'Council', classification: 'legislature' }, { id: 'o1', name: 'Committee', parent_id: 'o0' }, { id: 'o2', name: 'Council', classification: 'legislature' }],
    posts: [{ id: 'chair', label: 'Chair', organization_id: 'o1' }],
  };
}

async function counts(app: TestApp) {
  const n = async (t: string) => Number((await app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { persons: await n('registry_person'), organizations: await n('registry_organization'), posts: await n('registry_post'), memberships: await n('registry_membership'), revisions: await n('registry_revision'), identifiers: await n('registry_identifier') };
}

describe.each(DIALECTS)('Popolo import from a file, streamed, on %s', (dialect) => {
  let app: TestApp;
  let other: TestApp;
  beforeEach(async () => {
    app = await openTestApp(dialect);
    other = await openTestApp(dialect);
  });
  afterEach(async () => {
    await app?.drop();
    await other?.drop();
  });

  it('imports exactly what the same document imports in memory: result sets, warnings, records, progress', async () => {
    const doc = sample();
    const file = path.join(dir, `sample-${dialect}.json`);
    fs.writeFileSync(file, JSON.stringify(doc, null, 1));
    const progress: number[] = [];
    const streamed = await importPopoloFile(app.ctx, file, { onProgress: (d, t) => progress.push(t - d) });
    const inMemory = await importPopolo(other.ctx, JSON.parse(JSON.stringify(doc)));
    expect(streamed.created).toEqual({ persons: 2301, organizations: 3, posts: 1, memberships: 2301 });
    expect(streamed).toEqual(inMemory);
    expect(progress.at(-1)).toBe(0);
    expect(await counts(app)).toEqual(await counts(other));
    const strip = (d: any) => JSON.stringify(Object.fromEntries(['persons', 'organizations', 'posts', 'memberships'].map((k) => [k, d[k].length])));
    expect(strip(await toPopolo(app.ctx))).toEqual(strip(await toPopolo(other.ctx)));
    // Twice = once.
    const again = await importPopoloFile(app.ctx, file);
    expect(again.created).toEqual({ persons: 0, organizations: 0, posts: 0, memberships: 0 });
    expect(again.skipped).toEqual(inMemory.created);
  }, 120_000);

  it('refuses a file with a bad entry anywhere with the same words as the in-memory import, and writes nothing', async () => {
    const doc = sample(2100) as any;
    doc.persons[2050] = { id: 'bad', name: 42 };
    doc.memberships[5].end_date = '2000-01-01';
    const file = path.join(dir, `bad-${dialect}.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    const streamed = await importPopoloFile(app.ctx, file).catch((e) => e);
    const inMemory = await importPopolo(other.ctx, doc).catch((e) => e);
    expect(isAppError(streamed) && streamed.code).toBe('REGISTRY_POPOLO_INVALID');
    expect(streamed.message).toBe(inMemory.message);
    expect(streamed.details).toEqual(inMemory.details);
    expect((await counts(app)).persons).toBe(0);
  });

  it('keeps all-or-nothing: a failure after thousands of persons were written leaves none of them', async () => {
    const doc = sample(2100) as any;
    doc.memberships.push({ person_id: 'nobody-anywhere', organization_id: 'o0' });
    const file = path.join(dir, `late-${dialect}.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    await expect(importPopoloFile(app.ctx, file)).rejects.toThrow(/nobody-anywhere.*neither in the file nor in the registry/);
    expect(await counts(app)).toMatchObject({ persons: 0, organizations: 0, memberships: 0, revisions: 0 });
  }, 60_000);

  it('says a file that is not JSON, or cut short, cannot be read, and writes nothing', async () => {
    const file = path.join(dir, `cut-${dialect}.json`);
    fs.writeFileSync(file, JSON.stringify(sample(50)).slice(0, -40));
    const e = await importPopoloFile(app.ctx, file).catch((x) => x);
    expect(isAppError(e) && e.code).toBe('REGISTRY_POPOLO_UNREADABLE');
    expect(e.message).toMatch(/Cannot read .* as JSON.*Nothing was imported/);
    expect((await counts(app)).persons).toBe(0);
  });
});
