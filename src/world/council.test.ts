// The Council's story in the demo world (WORLD.md day 3, and the orphans bill), loaded on a clock
// set after the bill was signed, on both databases: the day-3 sitting with its quorum, speakers,
// motions and roll calls, whose outcomes are worked out here from the answers given and the rule
// (section 2-111(1): a question is carried by a majority of the councillors voting, so more yes
// than no, an abstention being no vote; two thirds of all twelve seats where section 2-111(2) asks
// it); the orphans bill read three times in one sitting and passed, signed,
// and enacted by the kernel's timed work into statute versions that name the bill and the vote.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../kernel/testing/dialects.ts';
import { SimulatedClock } from '../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../kernel/jobs/runner.ts';
import { legislatureModule, getBill, getSession, getStatute, listBills, listSessions } from '../modules/legislature/index.ts';
import { loadDemoWorld } from './demo.ts';
import { ORPHANS_BILL_TITLE } from './bills.ts';
import { DAY3_TITLE, ORPHANS_SITTING_TITLE, ORPHANS_SIGNED_AT } from './council.ts';

type Answers = Record<number, 'yes' | 'no' | 'abstain'>;
/** The outcome by the rule, worked out from the answers (seat → answer) as the clerk recorded them. */
function outcome(answers: Answers, rule: 'simple' | 'two_thirds', seats = 12): 'passed' | 'failed' {
  const given = Object.values(answers);
  const yes = given.filter((a) => a === 'yes').length;
  const no = given.filter((a) => a === 'no').length;
  if (rule === 'two_thirds') return yes * 3 >= seats * 2 ? 'passed' : 'failed';
  return yes > no ? 'passed' : 'failed';
}

describe.each(DIALECTS)('the Council in the demo world on %s', { timeout: 240_000 }, (dialect) => {
  let app: TestApp;
  let clock: SimulatedClock;
  let day3 = '';
  let sitting = '';
  let bill = '';

  beforeAll(async () => {
    clock = new SimulatedClock('2026-12-01T15:00:00.000Z');
    app = await openTestApp(dialect, { now: clock.now });
    await loadDemoWorld(app.ctx);
    const sessions = (await listSessions(app.ctx, { limit: 50, offset: 0 })).items;
    day3 = sessions.find((s) => s.title === DAY3_TITLE)!.code;
    sitting = sessions.find((s) => s.title === ORPHANS_SITTING_TITLE)!.code;
    bill = (await listBills(app.ctx, { limit: 50, offset: 0 })).items.find((b) => b.title === ORPHANS_BILL_TITLE)!.code;
  }, 240_000);
  afterAll(async () => app?.drop());

  it('day 3: ten of twelve councillors at the table, quorum seven (section 2-104 as in force since the Council was enlarged), adjourned', async () => {
    const s = await getSession(app.ctx, day3);
    expect(s).toMatchObject({ date: '2026-11-19', status: 'adjourned', quorum: { needed: 7, present: 10, met: true } });
    expect(s.members).toHaveLength(12);
    expect(s.members.filter((m) => m.attendance === 'present')).toHaveLength(10);
    expect(s.agenda.map((i) => i.kind)).toEqual(['report', 'motion', 'motion', 'motion', 'motion', 'report']);
    // The floor: five turns, one of them Masa's point of order, which went ahead of a request made before it.
    expect(s.queue.spoke).toHaveLength(5);
    expect(s.queue.spoke.map((t) => t.kind)).toEqual(['speak', 'speak', 'point_of_order', 'speak', 'speak']);
    expect(s.queue.floor).toBeNull();
    expect(s.queue.waiting).toEqual([]);
  });

  it('day 3: the expulsion and its amendment fail, surveillance, intelligence and the surrender carry — as the answers say', async () => {
    const s = await getSession(app.ctx, day3);
    const asked: Answers[] = [
      { 2: 'yes', 3: 'no', 4: 'yes', 5: 'no', 6: 'no', 7: 'abstain', 8: 'no', 10: 'no', 12: 'no' },
      { 2: 'no', 3: 'yes', 4: 'no', 5: 'no', 6: 'yes', 7: 'abstain', 8: 'yes', 10: 'no', 12: 'no' },
      { 2: 'yes', 3: 'yes', 4: 'no', 5: 'yes', 6: 'yes', 7: 'yes', 8: 'yes', 10: 'abstain', 12: 'no' },
      { 2: 'yes', 3: 'no', 4: 'yes', 5: 'yes', 6: 'no', 7: 'yes', 8: 'no', 10: 'yes', 12: 'abstain' },
      { 2: 'yes', 3: 'yes', 4: 'yes', 5: 'yes', 6: 'yes', 7: 'yes', 8: 'yes', 10: 'no', 12: 'abstain' },
    ];
    expect(s.votes).toHaveLength(5);
    expect(s.votes.map((v) => v.result?.outcome)).toEqual(asked.map((a) => outcome(a, 'simple')));
    expect(s.votes.map((v) => v.result?.outcome)).toEqual(['failed', 'failed', 'passed', 'passed', 'passed']);
    // Counted by hand: (yes, no, abstaining) = (2, 6, 1), (3, 5, 1), (6, 2, 1), (5, 3, 1), (7, 1, 1); 8 vote each time, so 5 carries.
    // Present: the 9 answering and the presiding councillor, at the table but answering none (section 2-105(3)).
    const says = (verdict: string, yes: number, no: number) => `${verdict}: ${yes} yes, ${no} no, 1 abstaining, of 10 present (the chair not voting); a majority of the 8 councillors voting yes or no is 5 (section 2-111(1)).`;
    expect(s.votes.map((v) => v.result?.explanation)).toEqual([says('Lost', 2, 6), says('Lost', 3, 5), says('Carried', 6, 2), says('Carried', 5, 3), says('Carried', 7, 1)]);
    // The Council has twelve seats on the day, by section 2-101(1) as amended from 2021-10-01.
    for (const v of s.votes) expect(v.rule).toMatchObject({ seats: 12, seatsBasis: 'section 2-101(1) as in force on 2026-11-19 (from 2021-10-01)', quorum: 7 });
    // Each councillor's answer is on record by name; the two not at the table (seat 9 absent, seat
    // 11 excused) gave none; the presiding councillor (who votes only on a tie, section 2-105(3)) has no ballot.
    for (const v of s.votes) {
      expect(v.ballots).toHaveLength(11);
      expect(v.ballots.filter((b) => b.option === 'absent')).toHaveLength(2);
      expect(v.result?.tally).toMatchObject({ present: 10, absent: 2 });
      expect(v.ballots.every((b) => b.option === 'absent' || b.calledAloud)).toBe(true);
    }
    // The first motion's statutes, cited by number, resolve as in force that day.
    const first = s.motions.find((m) => m.number === 1)!;
    expect(first.citations.map((c) => c.code)).toEqual(expect.arrayContaining(['7-104', '7-105', '3-107']));
    expect(s.motions.find((m) => m.number === 2)).toMatchObject({ amends: 1, status: 'voted' });
  });

  it('the orphans bill: handed in on Monday, read three times and passed in one sitting (two thirds for the same-day readings), signed', async () => {
    const b = await getBill(app.ctx, bill);
    expect(b.drafting).toMatchObject({ due: '2026-11-30', draftedOn: '2026-11-30', overdue: false });
    expect(b.stage).toBe('signed');
    expect(b.actions.map((a) => [a.stage, a.on])).toEqual([
      ['drafted', '2026-11-19'], ['introduced', '2026-11-30'], ['first_reading', '2026-12-01'], ['second_reading', '2026-12-01'],
      ['third_reading', '2026-12-01'], ['passed', '2026-12-01'], ['signed', '2026-12-01'],
    ].map(([stage, on]) => [stage, stage === 'drafted' ? b.actions[0]!.on : on]));
    const s = await getSession(app.ctx, sitting);
    expect(s.votes.map((v) => [v.rule.majority, v.result?.outcome])).toEqual([['simple', 'passed'], ['two_thirds', 'passed'], ['two_thirds', 'passed'], ['simple', 'passed']]);
    expect(s.votes[1]!.rule.basis).toMatch(/2-111\(2\)\(b\)/);
    // Counted by hand, 10 answering of the 11 present (the presiding councillor answers none, but is
    // present; seat 11 excused is absent): the
    // same-day readings need two thirds of all 12 seats, 8, whoever is present; the second has
    // exactly 8 (Masa abstaining), the third 9.
    expect(s.votes.map((v) => v.result?.tally)).toEqual([
      { yes: 8, no: 1, abstain: 1, absent: 1, present: 11 }, { yes: 8, no: 1, abstain: 1, absent: 1, present: 11 },
      { yes: 9, no: 1, abstain: 0, absent: 1, present: 11 }, { yes: 8, no: 2, abstain: 0, absent: 1, present: 11 },
    ]);
    expect(s.votes.map((v) => v.result?.needed)).toEqual([5, 8, 8, 6]);
    expect(s.votes[1]!.result!.explanation).toBe(`Carried: 8 yes, 1 no, 1 abstaining, of 11 present (the chair not voting); two thirds of all 12 councillors is 8 (section 2-111(2)(b)). Bill ${bill} moves to second reading.`);
    // Each reading's action names the vote that carried it.
    const voted = b.actions.filter((a) => ['first_reading', 'second_reading', 'third_reading', 'passed'].includes(a.stage));
    expect(voted.map((a) => (a as { vote?: string | null }).vote)).toEqual(s.votes.map((v) => v.id));
  });

  it('enacted by the timed work on its commencement day: sections 11-107 and 11-104 gain versions made by the bill', async () => {
    expect(ORPHANS_SIGNED_AT < clock.now().toISOString()).toBe(true);
    const runner = new JobRunner(app.ctx, collectJobKinds([legislatureModule]));
    clock.drive(runner);
    await clock.runDue();
    const b = await getBill(app.ctx, bill);
    expect(b.stage).toBe('enacted');
    for (const code of ['11-107', '11-104']) {
      const s = await getStatute(app.ctx, code, '2026-12-01');
      expect(s.version.madeBy).toMatchObject({ kind: 'bill', ref: bill });
      expect(s.version.validFrom).toBe('2026-12-01');
    }
  });
});
