// Whose desk a passed bill goes to when the Kazekage's post changes hands, on both databases: the
// holder on the day the bill passes, that day counted in the village (UTC+03:00) — not the UTC
// date, and not the day it would be deemed assented to. One membership in the post ends on D, the
// next begins on D+1; a bill passed during D goes to the outgoing holder, one passed at 22:30 UTC on
// D (already 01:30 on D+1 in the village) to the incoming one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createMembership, createOrganization, createPerson, createPost } from '../registry/index.ts';
import { createBill, recordBillAction, setBillAmendments } from '../legislature/index.ts';
import { seatCouncil, voteBill } from '../legislature/testing/council.ts';

const D = '2026-11-20';
const at = (ctx: AppContext, iso: string): AppContext => ({ ...ctx, now: () => new Date(iso) });

describe.each(DIALECTS)('a passed bill and a Kazekage changing on %s', (dialect) => {
  let app: TestApp;
  let seats: string[];
  const id: Record<string, string> = {};

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: () => new Date(`${D}T06:00:00.000Z`) });
    seats = (await seatCouncil(app.ctx)).seats;
    await createOrganization(app.ctx, { code: 'kazekage-office', name: "Kazekage's office", kind: 'executive' });
    await createPost(app.ctx, { code: 'kazekage', label: 'Kazekage', organization: 'kazekage-office' });
    id.outgoing = (await createPerson(app.ctx, { givenName: 'Rasa', rank: 'kage' })).id;
    id.incoming = (await createPerson(app.ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    await createMembership(app.ctx, { person: id.outgoing, organization: 'kazekage-office', post: 'kazekage', startDate: '2020-01-01', endDate: D });
    await createMembership(app.ctx, { person: id.incoming, organization: 'kazekage-office', post: 'kazekage', startDate: '2026-11-21' });
  }, 120_000);
  afterAll(async () => app?.drop());

  /** Passes a bill drafted and introduced on D at one sitting dated D, its votes closed at `closedAt` (UTC); the owners of its desk items. */
  async function passAt(title: string, closedAt: string): Promise<string[]> {
    const drafting = at(app.ctx, `${D}T06:00:00.000Z`);
    const b = await createBill(drafting, { title, sponsors: [seats[1]!], text: 'An Act.' });
    await setBillAmendments(drafting, b.code, { commencement: '2027-01-01', amendments: [] });
    await recordBillAction(drafting, b.code, { stage: 'introduced', on: D });
    await voteBill(at(app.ctx, closedAt), b.code, ['first_reading', 'second_reading', 'third_reading', 'passed'], D);
    const rows = await app.ctx.db.selectFrom('desk_item').select('owner_id').where('record_id', '=', b.id).where('kind', '=', 'legislature.bill.sign').execute();
    return rows.map((r) => r.owner_id as string);
  }

  it('passed during D (12:00 in the village), the bill goes to the outgoing Kazekage\'s desk', async () => {
    expect(await passAt('Well Keepers Act', `${D}T09:00:00.000Z`)).toEqual([id.outgoing]);
  });

  it('passed at 22:30 UTC on D (already D+1 in the village), the bill goes to the incoming Kazekage\'s desk', async () => {
    expect(await passAt('Lantern Festival Act', `${D}T22:30:00.000Z`)).toEqual([id.incoming]);
  });
});
