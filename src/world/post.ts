// The demo world's hawk post (WORLD.md): the routes between the villages, the IMMEDIATE hawk from
// Yukigakure with the news before day 0, Temari's files for Councillor Kazuyo on day 1, and Lee's
// mission report in the administration office on day 3, and the binder the Kazekage's aide pushes
// at him on his way out on the morning of day 6 (Kankuro's designation to sign; the orphans bill,
// still in drafting, as a record copy) — marked "action", so it sits on his desk, and on
// Kankuro's while he acts for him (its label is within Kankuro's clearance). Each message is sent at its own instant
// of the story and carried by the aviary's own jobs at the instants they fall due, so the receipts
// say when the hawk really landed in the story, not when the demo was loaded.
import type { AppContext } from '../kernel/context.ts';
import { JobRunner, collectJobKinds } from '../kernel/jobs/runner.ts';
import { postModule, sendMessage, setRoutes, listRoutes } from '../modules/post/index.ts';
import { day } from './calendar.ts';
import type { PersonIds } from './kazekage-search.ts';

/** Distances as the aviary keeps them; a messenger hawk averages 45–50 km/h over a day's flight, rests included. */
export const HAWK_ROUTES = [
  { from: 'suna', to: 'konoha', distanceKm: 620, hawkKmh: 50 },
  { from: 'suna', to: 'yuki', distanceKm: 940, hawkKmh: 45 },
  { from: 'konoha', to: 'yuki', distanceKm: 780, hawkKmh: 45 },
];

/** Runs the aviary's jobs that fall due up to `until`, each at its own instant. */
export async function carryUntil(ctx: AppContext, until: Date): Promise<void> {
  const kinds = collectJobKinds([postModule]);
  for (;;) {
    const next = await new JobRunner({ ...ctx, now: () => until }, kinds).nextDueAt();
    if (!next || next.getTime() > until.getTime()) return;
    await new JobRunner({ ...ctx, now: () => next }, kinds, { onError: (e) => { throw e; } }).runDue();
  }
}

const at = (ctx: AppContext, instant: string): AppContext => ({ ...ctx, now: () => new Date(instant) });
const as = (ctx: AppContext, personId: string, username: string): AppContext => ({ ...ctx, actor: { ...ctx.actor, kind: 'user', role: 'clerk', username, personId, clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } } });

/** The morning of day 6: the aide's binder, a minute before the Kazekage walks out (desk.ts ACTING_FROM is 05:00Z). */
export const BINDER_AT = `${day(6)}T04:50:00.000Z`;
export const BINDER_SUBJECT = 'The binder: papers awaiting your signature';

export async function loadPost(ctx: AppContext, person: PersonIds, orphansBill?: string): Promise<{ created: number }> {
  let created = 0;
  if ((await listRoutes(ctx)).items.length === 0) {
    await setRoutes(ctx, { routes: HAWK_ROUTES });
    created++;
  }
  const already = await ctx.db.selectFrom('post_message').select('subject').execute();
  const sent = new Set(already.map((m) => m.subject));
  const letters: { when: string; from: string; fromVillage?: string; by?: string; to: { person: string; at?: string }[]; subject: string; body: string; precedence: 'immediate' | 'priority' | 'routine'; actionRequested?: boolean; attachments?: { kind: string; ref: string }[]; classification?: 'public' | 'restricted' }[] = [
    {
      when: `${day(-2)}T05:00:00.000Z`, from: 'yukikage', fromVillage: 'yuki', by: 'aide', to: [{ person: person('saburo') }],
      subject: 'The Kazekage\'s party attacked in the Land of Snow',
      body: 'Three deserters of this village, Yuya, Akito and Kaede, attacked the Kazekage and his escort. The Kazekage uncovered their plot; nobody died. Lee was poisoned and is recovering with an antidote at our hospital; Kankuro has broken ribs. The three are held for trial here. The party leaves for Suna when the Kazekage and I have finished our talks.',
      precedence: 'immediate',
    },
    {
      when: `${day(1)}T07:30:00.000Z`, from: 'temari', to: [{ person: person('kazuyo') }],
      subject: 'My files before I return to Konoha',
      body: 'Councillor, the papers you asked for on the envoys\' arrangements under section 7-201: I must be back in Konoha within three days.',
      precedence: 'priority', actionRequested: true, attachments: [{ kind: 'legislature.statute', ref: '7-201' }],
    },
    {
      when: `${day(3)}T06:00:00.000Z`, from: 'rock-lee', to: [{ person: person('aide') }],
      subject: 'Mission report: the escort to the Land of Snow',
      body: 'My report on the escort of the Kazekage to Yukigakure, the attack by the three deserters, the poison and the antidote, and Kankuro\'s injuries, for the administration office.',
      precedence: 'routine', actionRequested: true,
    },
    {
      // ROUTINE: three days to act on it, so it falls due on day 9 — before he is back that night.
      when: BINDER_AT, from: 'aide', to: [{ person: person('gaara') }],
      subject: BINDER_SUBJECT,
      // On day 6 the orphans bill is still being drafted (the Council passes it on day 15, when he
      // assents): it rides along as a record copy. What waits for his signature is the paper he
      // signs minutes later, Kankuro's designation to act for him (desk.ts, from 05:00).
      body: 'Kazekage, before you go: the designation of Kankuro to act for you while you are in the desert awaits your signature — section 3-104 on who may act for you and for how long, and section 3-105 on the time for assent. The orphans bill comes with them as a record copy only: Councillor Masa is still drafting it, and it reaches you for assent once the Council has passed it. Sign or send back with a note.',
      precedence: 'routine', actionRequested: true, classification: 'restricted',
      attachments: [...(orphansBill ? [{ kind: 'legislature.bill', ref: orphansBill }] : []), { kind: 'legislature.statute', ref: '3-104' }, { kind: 'legislature.statute', ref: '3-105' }],
    },
  ];
  for (const l of letters) {
    if (sent.has(l.subject) || ctx.now().toISOString() < l.when) continue;
    // A hawk from another village is recorded by the aviary (Aiko keeps its book), on the sender's behalf.
    const writer = l.fromVillage ? as(ctx, person(l.by!), 'aiko') : as(ctx, person(l.from), l.from);
    await sendMessage(at(writer, l.when), { to: l.to, subject: l.subject, body: l.body, precedence: l.precedence, actionRequested: l.actionRequested ?? false, attachments: l.attachments ?? [], classification: l.classification ?? 'public', ...(l.fromVillage ? { sender: person(l.from), fromVillage: l.fromVillage } : {}) });
    created++;
  }
  // Carried as the story goes: each hawk lands at its ETA, each delivery at its own instant.
  await carryUntil({ ...ctx, actor: { kind: 'system', username: 'demo' } }, ctx.now());
  return { created };
}
