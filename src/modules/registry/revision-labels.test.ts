import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson, updatePerson, relabel, importPopolo } from './index.ts';
import { labelExistingRevisions } from './migrations/20261201T120100_registry_revision_label.ts';

describe.each(DIALECTS)('revisions keep the label they were written under, on %s', (dialect) => {
  let s: TestServer;
  const readers: Record<string, TestSession> = {};
  const operator = () => s.app.ctx;
  beforeAll(async () => {
    s = await openTestServer(dialect);
    // Subjects that differ by compartment alone, as well as by level.
    readers.genin = await loginAs(s, 'genin', 'public');
    readers.secretNoAnbu = await loginAs(s, 'anbu', 'secret');
    readers.secretAnbu = await loginAs(s, 'anbu', 'secret', ['ANBU']);
    readers.topSecretBreachOnly = await loginAs(s, 'anbu', 'top_secret', ['BREACH']);
    readers.kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
  });
  afterAll(async () => s?.close());

  const revisions = async (who: TestSession | null, id: string) => {
    const r = await s.http.inject({ url: `/api/registry/people/${id}/revisions`, headers: who ? who.headers() : {} });
    return r.statusCode === 200 ? (r.json() as Array<{ version: number; snapshot: Record<string, unknown> }>) : r.statusCode;
  };
  const versions = async (who: TestSession | null, id: string) => {
    const r = await revisions(who, id);
    return typeof r === 'number' ? r : r.map((v) => v.version);
  };

  /** A person written twice while secret / ANBU, then declassified, then edited once in public. */
  async function declassifiedPerson(givenName: string) {
    const p = await createPerson(operator(), { givenName, familyName: 'Secretname', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] });
    await updatePerson(operator(), p.id, { summary: 'cover: a potter in the western district' }, 1);
    await relabel(operator(), 'person', p.id, { classification: 'public', compartments: [], reason: 'identity released by the Council' });
    await updatePerson(operator(), p.id, { summary: 'retired' }, 3);
    return p.id;
  }

  it('after a declassification, readers below the old label get only what was written in public', async () => {
    const id = await declassifiedPerson('Kept');
    expect(await versions(null, id)).toEqual([4]);
    expect(await versions(readers.genin!, id)).toEqual([4]);
    expect(await versions(readers.secretNoAnbu!, id)).toEqual([4]);
    expect(await versions(readers.topSecretBreachOnly!, id)).toEqual([4]);
    // Cleared for the old label: every version, the declassification itself included.
    expect(await versions(readers.secretAnbu!, id)).toEqual([1, 2, 3, 4]);
    expect(await versions(readers.kazekage!, id)).toEqual([1, 2, 3, 4]);
    const anonymous = JSON.stringify(await revisions(null, id));
    expect(anonymous).not.toMatch(/potter|previousLabel|ANBU/);
  });

  it('a raise is recorded at the join of both labels: a reader cleared for the old one learns nothing of it', async () => {
    // Public → secret / ANBU, then a compartment added alone: secret / ANBU → secret / ANBU, BREACH.
    const p = await createPerson(operator(), { givenName: 'Raised', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] });
    await relabel(operator(), 'person', p.id, { classification: 'secret', compartments: ['ANBU', 'BREACH'], reason: 'knows of the breach' });
    const audit = async (who: TestSession) => {
      const r = await s.http.inject({ url: `/api/security/audit?objectId=${p.id}&action=registry.relabel`, headers: who.headers() });
      expect(r.statusCode).toBe(200);
      return r.json().items as Array<{ classification: string; compartments: string[] }>;
    };
    expect(await audit(readers.secretAnbu!)).toEqual([]);
    expect(await audit(readers.topSecretBreachOnly!)).toEqual([]);
    expect(await audit(readers.kazekage!)).toMatchObject([{ classification: 'secret', compartments: ['ANBU', 'BREACH'] }]);
    // The person is now hidden from the ANBU-only reader altogether (404), as before the change.
    expect(await versions(readers.secretAnbu!, p.id)).toBe(404);
    expect(await versions(readers.kazekage!, p.id)).toEqual([1, 2]);
  });

  it('a declassification is recorded at the join too: a reader of the new label does not see what it was', async () => {
    const p = await createPerson(operator(), { givenName: 'Lowered', rank: 'anbu', classification: 'top_secret', compartments: ['BREACH'] });
    await relabel(operator(), 'person', p.id, { classification: 'secret', compartments: ['ANBU'], reason: 'moved to the ANBU' });
    const r = await s.http.inject({ url: `/api/security/audit?objectId=${p.id}&action=registry.declassify`, headers: readers.secretAnbu!.headers() });
    expect(r.json().items).toEqual([]);
    const k = await s.http.inject({ url: `/api/security/audit?objectId=${p.id}&action=registry.declassify`, headers: readers.kazekage!.headers() });
    expect(k.json().items).toMatchObject([{ classification: 'top_secret', compartments: ['ANBU', 'BREACH'] }]);
  });

  it('revisions written before labels were kept get the best label known: the record\'s, or the one before each relabel', async () => {
    const id = await declassifiedPerson('Backfilled');
    const plain = await createPerson(operator(), { givenName: 'Plain', rank: 'genin', classification: 'restricted' });
    // As the upgrade finds them: every revision public.
    await s.app.ctx.db.updateTable('registry_revision').set({ classification: 'public', compartments: '[]' }).execute();
    expect(await versions(null, id)).toEqual([1, 2, 3, 4]);
    await labelExistingRevisions(s.app.ctx.db);
    expect(await versions(null, id)).toEqual([4]);
    expect(await versions(readers.secretNoAnbu!, id)).toEqual([4]);
    expect(await versions(readers.secretAnbu!, id)).toEqual([1, 2, 3, 4]);
    const labelsOf = async (entityId: string) => (await s.app.ctx.db.selectFrom('registry_revision').select(['classification', 'compartments']).where('entity_id', '=', entityId).orderBy('version').execute())
      .map((l) => [l.classification, typeof l.compartments === 'string' ? JSON.parse(l.compartments) : l.compartments]);
    // Written while secret / ANBU, the declassification at the join of both labels, then public.
    expect(await labelsOf(id)).toEqual([['secret', ['ANBU']], ['secret', ['ANBU']], ['secret', ['ANBU']], ['public', []]]);
    expect(await labelsOf(plain.id)).toEqual([['restricted', []]]);
  });

  it('a Popolo import writes its revisions under the label of the record it creates or updates', async () => {
    const first = await importPopolo(operator(), { persons: [{ id: 'popolo-revision-test', name: 'Imported Once' }] });
    expect(first.created.persons).toBe(1);
    const row = await s.app.ctx.db.selectFrom('registry_identifier').select('entity_id').where('identifier', '=', 'popolo-revision-test').executeTakeFirstOrThrow();
    await relabel(operator(), 'person', row.entity_id, { classification: 'secret', compartments: ['ANBU'], reason: 'recruited' });
    await importPopolo(operator(), { persons: [{ id: 'popolo-revision-test', name: 'Imported Twice' }] });
    const labels = (await s.app.ctx.db.selectFrom('registry_revision').select(['version', 'classification', 'compartments']).where('entity_id', '=', row.entity_id).orderBy('version').execute())
      .map((l) => [l.version, l.classification, typeof l.compartments === 'string' ? JSON.parse(l.compartments) : l.compartments]);
    expect(labels).toEqual([[1, 'public', []], [2, 'secret', ['ANBU']], [3, 'secret', ['ANBU']]]);
  });

  it('an edit after a declassification audits what changed in the person, not the relabel before it', async () => {
    const id = await declassifiedPerson('Edited');
    const publicAuditor = await loginAs(s, 'anbu', 'public');
    const r = await s.http.inject({ url: `/api/security/audit?objectId=${id}&action=registry.person.update`, headers: publicAuditor.headers() });
    const items = r.json().items as Array<{ detail: { version: number; changed: Record<string, unknown> } }>;
    const last = items.find((i) => i.detail.version === 4)!;
    expect(Object.keys(last.detail.changed)).toEqual(['summary']);
    // (The summary it had before is no secret: declassifying the person released it.)
    expect(JSON.stringify(items)).not.toMatch(/previousLabel|ANBU/);
  });
});
