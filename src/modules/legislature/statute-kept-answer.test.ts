// A statute's kept answer depends on the registry too: who recorded each version is shown by
// name only while the recorder's person is visible to the reader. Relabelling that person must
// show on the next read of the statute, though the statute book itself did not change.
import { describe, it, expect, afterEach } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { withActor } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, relabel } from '../registry/index.ts';
import { createStatute, createTitle, getStatute } from './index.ts';

describe.each(DIALECTS)('a statute kept while the registry changes on %s', (dialect) => {
  let app: TestApp;
  afterEach(async () => app?.drop());

  it('withholds the recorder\'s name on the next read once their person is labelled above the reader', async () => {
    app = await openTestApp(dialect, { now: () => new Date('2026-12-02T09:00:00Z') });
    expect(app.ctx.readCache).toBeDefined();
    const admin = app.ctx; // the operator at the console
    const person = await createPerson(admin, { givenName: 'Recorder', rank: 'chuunin' });
    await createAccount(admin, { username: 'recorder', personId: person.id, displayName: 'Recorder', role: 'clerk', clearance: 'secret', compartments: [], password: 'sand of the forty two dunes' });
    const recorder = withActor(app.ctx, { kind: 'user', username: 'recorder', personId: person.id, role: 'clerk', clearance: { level: 'secret', compartments: [] } });
    await createTitle(recorder, { number: 14, heading: 'Extradition' });
    await createStatute(recorder, { code: '14-203', heading: 'Return of deserters', markup: '(1) A deserter is returned.', validFrom: '2001-04-01', reason: 'enacted' });
    // Two readers alike but for the ANBU compartment.
    const reader = (compartments: string[]) => withActor(app.ctx, { kind: 'user', username: `reader-${compartments.join('')}`, role: 'jounin', clearance: { level: 'secret', compartments } });
    const shown = async (compartments: string[]) => (await getStatute(reader(compartments), '14-203', '2026-12-02')).version.recordedBy;
    expect(await shown([])).toBe('recorder');
    expect(await shown(['ANBU'])).toBe('recorder');
    // Read again: the kept answers are served (nothing changed).
    const hits = app.ctx.readCache!.hits;
    expect(await shown([])).toBe('recorder');
    expect(app.ctx.readCache!.hits).toBeGreaterThan(hits);

    await relabel(admin, 'person', person.id, { classification: 'secret', compartments: ['ANBU'], reason: 'posted to the ANBU' });
    expect(await shown([])).toEqual({ withheld: true });
    expect(await shown(['ANBU'])).toBe('recorder');
  });
});
