// Mission status and team rules against the legal steps written out here from the issue.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MISSION_RANKS, MISSION_STATUSES, MISSION_TRANSITIONS, missionStep, teamDraftRefusal, teamRefusal, TEAM_ROLES, type MissionStatus, type TeamPlace } from './mission-lifecycle.ts';

const LEGAL: Record<string, string> = {
  'planned>start': 'under_way',
  'planned>abort': 'aborted',
  'under_way>complete': 'completed',
  'under_way>fail': 'failed',
  'under_way>abort': 'aborted',
};
const snowTeam: TeamPlace[] = [{ person: 'kankuro', role: 'leader' }, { person: 'temari', role: 'member' }, { person: 'lee', role: 'escort' }];

describe('missions', () => {
  it('ranks D to S, roles leader, member, escort', () => {
    expect(MISSION_RANKS).toEqual(['D', 'C', 'B', 'A', 'S']);
    expect(TEAM_ROLES).toEqual(['leader', 'member', 'escort']);
  });

  it('allows exactly the legal steps', () => {
    for (const status of MISSION_STATUSES) {
      for (const t of MISSION_TRANSITIONS) {
        const legal = LEGAL[`${status}>${t}`];
        expect(missionStep(status, t, snowTeam), `${status} ${t}`).toEqual(legal ? { ok: true, status: legal } : expect.objectContaining({ ok: false }));
      }
    }
    expect(missionStep('planned', 'complete')).toEqual({ ok: false, refusal: 'a mission that is planned cannot be completed: it can only be started or aborted' });
    expect(missionStep('failed', 'start', snowTeam)).toEqual({ ok: false, refusal: 'a mission that is failed cannot be started: being failed is final' });
  });

  it('starts only with a team of distinct people and exactly one leader', () => {
    expect(missionStep('planned', 'start', [])).toEqual({ ok: false, refusal: 'a mission cannot start without a team' });
    expect(missionStep('planned', 'start', [{ person: 'temari', role: 'member' }, { person: 'lee', role: 'escort' }]))
      .toEqual({ ok: false, refusal: 'a mission needs a leader to start: name one of the team' });
    expect(missionStep('planned', 'start', [...snowTeam, { person: 'baki', role: 'leader' }]))
      .toEqual({ ok: false, refusal: 'a mission has exactly one leader, not 2 (kankuro, baki)' });
    expect(teamRefusal([...snowTeam, { person: 'lee', role: 'member' }])).toBe('each person has one place on the team: lee is listed more than once');
    expect(teamRefusal([...snowTeam, { person: 'lee', role: 'member' }, { person: 'temari', role: 'escort' }]))
      .toBe('each person has one place on the team: lee, temari are listed more than once');
    expect(missionStep('planned', 'start', snowTeam)).toEqual({ ok: true, status: 'under_way' });
    // Only starting asks for the team: a mission under way is aborted whoever is left.
    expect(missionStep('under_way', 'abort', [])).toEqual({ ok: true, status: 'aborted' });
  });

  it('any team starts if and only if it has exactly one leader and no one twice', () => {
    fc.assert(fc.property(fc.array(fc.record({ person: fc.constantFrom('a', 'b', 'c', 'd', 'e'), role: fc.constantFrom(...TEAM_ROLES) }), { maxLength: 6 }), (team) => {
      const leaders = team.filter((p) => p.role === 'leader').length;
      const distinct = new Set(team.map((p) => p.person)).size === team.length;
      const step = missionStep('planned' as MissionStatus, 'start', team);
      expect(step.ok).toBe(team.length > 0 && distinct && leaders === 1);
    }), { numRuns: 2000 });
  });
});

describe('a team being put together', () => {
  const p = (person: string, role: 'leader' | 'member' | 'escort') => ({ person, role });
  it('may lack a leader, or anyone, while it is planned', () => {
    expect(teamDraftRefusal([])).toBeNull();
    expect(teamDraftRefusal([p('lee', 'member'), p('naruto', 'escort')])).toBeNull();
    expect(teamDraftRefusal([p('gaara', 'leader'), p('lee', 'member')])).toBeNull();
  });
  it('never lists anyone twice, nor has two leaders', () => {
    expect(teamDraftRefusal([p('lee', 'member'), p('lee', 'escort')])).toMatch(/lee is listed more than once/);
    expect(teamDraftRefusal([p('gaara', 'leader'), p('kankuro', 'leader')])).toMatch(/exactly one leader, not 2/);
  });
});
