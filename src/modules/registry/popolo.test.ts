import fs from 'node:fs';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { realDataFile } from '../../kernel/testing/real-data.ts';
import { isAppError } from '../../kernel/errors.ts';
import { importPopolo, toPopolo, searchPeople, listMemberships, listOrganizations } from './index.ts';

const TAS = realDataFile('local_councillor_popolo.json');

async function counts(app: TestApp) {
  const db = app.ctx.db;
  const n = async (t: string) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { persons: await n('registry_person'), organizations: await n('registry_organization'), memberships: await n('registry_membership'), revisions: await n('registry_revision'), identifiers: await n('registry_identifier') };
}

describe.each(DIALECTS)('Popolo import and export on %s', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp(dialect);
  });
  afterEach(async () => app?.drop());

  it.skipIf(!TAS)('imports the Tasmanian councillors file as it is, twice = once, and exports it back whole', async () => {
    const doc = JSON.parse(fs.readFileSync(TAS!, 'utf8'));
    const progress: number[] = [];
    const first = await importPopolo(app.ctx, doc, { onProgress: (d) => progress.push(d) });
    expect(first.created).toEqual({ persons: 263, organizations: 33, posts: 0, memberships: 317 });
    expect(progress.at(-1)).toBe(263 + 33 + 317);
    const codes = first.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['DUPLICATE_ORGANIZATION_NAME', 'MISSING_ID_MEMBERSHIP', 'TRIMMED', 'SOURCE_WARNINGS']));
    expect(first.warnings.find((w) => w.code === 'DUPLICATE_ORGANIZATION_NAME')!.examples[0]).toMatch(/Greens/);

    const before = await counts(app);
    const second = await importPopolo(app.ctx, doc);
    expect(second.created).toEqual({ persons: 0, organizations: 0, posts: 0, memberships: 0 });
    expect(second.updated).toEqual({ persons: 0, organizations: 0, posts: 0, memberships: 0 });
    expect(second.skipped).toEqual({ persons: 263, organizations: 33, posts: 0, memberships: 317 });
    expect(await counts(app)).toEqual(before);

    const out = await toPopolo(app.ctx);
    expect(out.persons).toHaveLength(263);
    expect(out.organizations).toHaveLength(33);
    expect(out.memberships).toHaveLength(317);
    // Every original id survives as an identifier, and every membership links the same pair.
    const origOf = (x: any) => x.identifiers?.find((i: any) => i.scheme === 'popolo')?.identifier;
    const personOrig = new Map(out.persons.map((p: any) => [p.id, origOf(p)]));
    const orgOrig = new Map(out.organizations.map((o: any) => [o.id, origOf(o)]));
    expect(new Set(personOrig.values())).toEqual(new Set(doc.persons.map((p: any) => p.id)));
    expect(new Set(orgOrig.values())).toEqual(new Set(doc.organizations.map((o: any) => o.id)));
    const pairs = (ms: any[], p: (id: string) => string, o: (id: string) => string) =>
      ms.map((m) => `${p(m.person_id)}|${o(m.organization_id)}|${m.on_behalf_of_id ? o(m.on_behalf_of_id) : ''}|${m.role}`).sort();
    expect(pairs(out.memberships, (id) => personOrig.get(id)!, (id) => orgOrig.get(id)!)).toEqual(pairs(doc.memberships, (x) => x, (x) => x));
    // Fields we do not map (email, images, sources) come back unchanged.
    const jock = out.persons.find((p: any) => p.name === 'Jock Campbell') as any;
    expect(jock.email).toBe('ald_jcampbell@ccc.tas.gov.au');
    expect(jock.sources).toEqual([{ url: 'http://www.ccc.tas.gov.au/page.aspx?u=1150' }]);

    // Re-importing our own export into the same database changes nobody.
    const third = await importPopolo(app.ctx, out);
    expect(third.created).toEqual({ persons: 0, organizations: 0, posts: 0, memberships: 0 });
    expect((await counts(app)).persons).toBe(263);

    expect((await searchPeople(app.ctx, { q: 'campbell' })).total).toBeGreaterThan(0);
    expect((await listOrganizations(app.ctx, { kind: 'party' })).total).toBe(4);
  });

  it('rejects an invalid file whole, naming the bad entry, and changes nothing', async () => {
    await importPopolo(app.ctx, { persons: [{ id: 'a', name: 'Ann' }], organizations: [{ id: 'o', name: 'Org' }] });
    const before = await counts(app);
    const bad = {
      persons: [{ id: 'b', name: 'Ben' }, { id: 'c', name: 'Cho' }],
      organizations: [{ id: 'o2', name: 'Org 2' }],
      memberships: [{ person_id: 'b', organization_id: 'o2' }, { person_id: 'nobody', organization_id: 'o2' }],
    };
    let err: unknown;
    try {
      await importPopolo(app.ctx, bad);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code).toBe('REGISTRY_POPOLO_INVALID');
    expect((err as Error).message).toMatch(/nobody/);
    expect(await counts(app)).toEqual(before);

    let shape: unknown;
    try {
      await importPopolo(app.ctx, { persons: [{ id: 'd', name: 42 }] });
    } catch (e) {
      shape = e;
    }
    expect((shape as Error).message).toMatch(/persons\[0\]\.name must be text/);
  });

  it('updates a person whose name changed in a later file', async () => {
    await importPopolo(app.ctx, { persons: [{ id: 'x', name: 'Old Name' }] });
    const r = await importPopolo(app.ctx, { persons: [{ id: 'x', name: 'New Name' }] });
    expect(r.updated.persons).toBe(1);
    expect((await searchPeople(app.ctx, { q: 'new name' })).total).toBe(1);
    expect((await searchPeople(app.ctx, { q: 'old' })).total).toBe(0);
  });

  it('keeps memberships with posts and dates', async () => {
    await importPopolo(app.ctx, {
      persons: [{ id: 'p', name: 'Pat' }],
      organizations: [{ id: 'o', name: 'Council', classification: 'legislature' }, { id: 'c', name: 'Committee', parent_id: 'o' }],
      posts: [{ id: 's1', label: 'Seat 1', organization_id: 'o' }],
      memberships: [{ id: 'm1', person_id: 'p', organization_id: 'o', post_id: 's1', start_date: '2020-01-01', end_date: '2021' }],
    });
    const ms = await listMemberships(app.ctx, {});
    expect(ms.items[0]).toMatchObject({ startDate: '2020-01-01', endDate: '2021-12-31', post: { label: 'Seat 1' } });
    const out = await toPopolo(app.ctx);
    expect(out.organizations.find((o: any) => o.name === 'Committee')!.parent_id).toBe(out.organizations.find((o: any) => o.name === 'Council')!.id);
  });
});
