// Loads the Hidden Sand demo world through the registry's own services, in one transaction.
// Every record carries a "sandstone-demo" identifier, so a second run finds it and adds nothing.
import type { Kysely } from 'kysely';
import { transact, inTx, type AppContext } from '../kernel/context.ts';
import {
  createVillage, createOrganization, createPost, createPerson, recordStatus, createMembership,
} from '../modules/registry/index.ts';
import { importStatutes, type TStatuteImport } from '../modules/legislature/index.ts';
import { VILLAGES, ORGANIZATIONS, POSTS, PEOPLE, type PersonSeed } from './canon.ts';
import { STATUTE_BOOK } from './statute-book.ts';
import { generatePopulation } from './population.ts';
import { loadKazekageSearch } from './kazekage-search.ts';
import { loadOrphansBill } from './bills.ts';
import { loadCouncil } from './council.ts';
import { carryUntil, loadPost } from './post.ts';
import { loadDesk } from './desk.ts';
import { loadMissions } from './missions.ts';
import { loadCases } from './cases.ts';
import { day } from './calendar.ts';
import { randomBytes } from 'node:crypto';
import { createAccount, findAccountByUsername } from '../kernel/auth/accounts.ts';
import type { Role } from '../kernel/auth/policy.ts';
import type { Level } from '../kernel/auth/labels.ts';

const SCHEME = 'sandstone-demo';

async function known(db: Kysely<any>, entity: string, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('registry_identifier').select('entity_id').where('entity_type', '=', entity).where('scheme', '=', SCHEME).where('identifier', '=', key).executeTakeFirst();
  return r?.entity_id;
}

async function remember(db: Kysely<any>, entity: string, key: string, id: string) {
  await db.insertInto('registry_identifier').values({ entity_type: entity, scheme: SCHEME, identifier: key, entity_id: id }).execute();
}

export function demoPeople(): PersonSeed[] {
  return [...PEOPLE, ...generatePopulation()];
}

export async function isRegistryEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('registry_person').select('id').limit(1).executeTakeFirst();
  return !row;
}

export interface DemoAccount { username: string; password: string; role: string; person: string; totpSecret?: string }
export interface DemoReport { people: number; organizations: number; posts: number; memberships: number; statutes: number; created: number; accounts: DemoAccount[] }

/** The Code of Sunagakure as the statute importer takes it: whole histories, so loading it twice adds nothing. */
export function statuteBookForImport(): TStatuteImport[] {
  return STATUTE_BOOK.flatMap((t) => t.statutes.map((s) => ({
    code: s.code, heading: s.heading, titleNumber: t.number, titleHeading: t.heading,
    ...(s.label ? { label: { classification: s.label.classification, compartments: [...s.label.compartments] } } : {}),
    versions: s.versions.map((v) => ({ from: v.from, reason: v.reason, markup: v.text })),
    repealed: s.repealed ? { on: s.repealed.on, reason: s.repealed.reason } : null,
  })));
}

/** Accounts for the principal people; the Kazekage's requires a one-time code. */
const DEMO_ACCOUNTS: { key: string; username: string; role: Role; clearance: Level; compartments: string[]; totp?: boolean }[] = [
  { key: 'gaara', username: 'gaara', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], totp: true },
  { key: 'aide', username: 'aiko', role: 'clerk', clearance: 'secret', compartments: ['ANBU'] },
  { key: 'kankuro', username: 'kankuro', role: 'jounin', clearance: 'secret', compartments: ['BREACH'] },
  { key: 'masa', username: 'masa', role: 'councillor', clearance: 'restricted', compartments: [] },
  { key: 'kazuyo', username: 'kazuyo', role: 'councillor', clearance: 'restricted', compartments: [] },
  { key: 'anbu-1', username: 'hawk', role: 'anbu', clearance: 'secret', compartments: ['ANBU'] },
  { key: 'rock-lee', username: 'lee', role: 'envoy', clearance: 'restricted', compartments: [] },
  { key: 'naruto', username: 'naruto', role: 'genin', clearance: 'public', compartments: [] },
];

export async function loadDemoWorld(ctx: AppContext): Promise<DemoReport> {
  const people = demoPeople();
  let created = 0;
  let memberships = 0;
  const personIds = new Map<string, string>();
  let orphansBill = '';
  await transact({ ...ctx, actor: { kind: 'system', username: 'demo' } }, async (tx) => {
    const c = inTx({ ...ctx, actor: { kind: 'system', username: 'demo' } }, tx);
    const villageIds = new Map<string, string>();
    for (const v of VILLAGES) {
      let id = await known(tx.db, 'village', v.key);
      if (!id) {
        const existing = await tx.db.selectFrom('registry_village').select('id').where('code', '=', v.code).executeTakeFirst();
        const made: string = existing?.id ?? (await createVillage(c, { code: v.code, name: v.name, land: v.land, leaderTitle: v.leaderTitle })).id;
        await remember(tx.db, 'village', v.key, made);
        id = made;
        created++;
      }
      villageIds.set(v.key, id!);
    }
    const orgIds = new Map<string, string>();
    for (const o of ORGANIZATIONS) {
      let id: string | undefined = await known(tx.db, 'organization', o.key);
      if (!id) {
        id = (await createOrganization(c, { code: o.code, name: o.name, kind: o.kind, description: o.description, parent: o.parent ? orgIds.get(o.parent) : undefined, village: villageIds.get(o.village) })).id;
        await remember(tx.db, 'organization', o.key, id);
        created++;
      }
      orgIds.set(o.key, id);
    }
    const postIds = new Map<string, string>();
    for (const p of POSTS) {
      let id: string | undefined = await known(tx.db, 'post', p.key);
      if (!id) {
        id = (await createPost(c, { code: p.code, label: p.label, role: p.role, organization: orgIds.get(p.org)! })).id;
        await remember(tx.db, 'post', p.key, id);
        created++;
      }
      postIds.set(p.key, id);
    }
    for (const p of people) {
      const knownId = await known(tx.db, 'person', p.key);
      if (knownId) {
        personIds.set(p.key, knownId);
        memberships += p.memberships?.length ?? 0;
        continue;
      }
      const [first, ...later] = p.statuses ?? [{ status: 'active' as const, since: '2020-01-01', reason: 'villager' }];
      const person = await createPerson(c, {
        name: p.name, givenName: p.givenName, familyName: p.familyName, birthVillage: villageIds.get(p.birth), allegianceVillage: villageIds.get(p.allegiance),
        rank: p.rank, specialities: p.specialities ?? [], summary: p.summary, classification: p.classification ?? 'public', compartments: p.compartments ?? [],
        status: first!.status, statusSince: first!.since, statusReason: first!.reason,
      });
      await remember(tx.db, 'person', p.key, person.id);
      personIds.set(p.key, person.id);
      created++;
      for (const s of later) await recordStatus(c, person.id, s);
      for (const m of p.memberships ?? []) {
        await createMembership(c, {
          person: person.id, organization: orgIds.get(m.org)!, post: m.post ? postIds.get(m.post) : undefined, role: m.role,
          startDate: m.start, endDate: m.end, classification: m.classification ?? 'public', compartments: m.compartments ?? [],
        });
        memberships++;
        created++;
      }
    }
    // The statute book, in the same transaction, through the importer the Akoma Ntoso files use.
    const book = await importStatutes(c, statuteBookForImport(), { source: SCHEME });
    created += book.created + book.updated;
    // The search for the Kazekage (WORLD.md days 6–7), through the search-and-rescue services.
    const search = await loadKazekageSearch(c, (key) => {
      const id = personIds.get(key);
      if (!id) throw new Error(`the demo search names "${key}", who is not in canon.ts`);
      return id;
    });
    if (search.created) created++;
  });
  // The orphans bill and the Council's sittings (day 3, and the bill's day 15), each step at its
  // own instant of the story: outside the transaction above, whose clock is the loader's.
  const story = { ...ctx, actor: { kind: 'system' as const, username: 'demo' } };
  // The Kazekage pushes his bill at the Council on day 3, and Masa is given it to draft that evening.
  const drafted = `${day(3)}T15:00:00.000Z`;
  const orphans = await loadOrphansBill(ctx.now().toISOString() > drafted ? { ...story, now: () => new Date(drafted) } : story, (key) => {
    const id = personIds.get(key);
    if (!id) throw new Error(`the orphans bill names "${key}", who is not in canon.ts`);
    return id;
  });
  if (orphans.created) created++;
  orphansBill = orphans.code;
  const council = await loadCouncil(story, (key) => {
    const id = personIds.get(key);
    if (!id) throw new Error(`the Council's sittings name "${key}", who is not in canon.ts`);
    return id;
  }, orphansBill);
  created += council.created;
  // Accounts before the post: a letter above public reaches only a person with an account cleared
  // for it (the aide's restricted binder to the Kazekage). Each in its own small transaction
  // (argon2 hashing is slow by design). The desk finds the Kazekage by his post, not his account.
  const accounts: DemoAccount[] = [];
  const operator = { ...ctx, actor: { kind: 'system' as const, username: 'demo' } };
  for (const a of DEMO_ACCOUNTS) {
    if (await findAccountByUsername(operator, a.username)) continue;
    const personId = await known(ctx.db, 'person', a.key);
    if (!personId) continue;
    const person = people.find((p) => p.key === a.key)!;
    const password = randomBytes(12).toString('base64url');
    const r = await createAccount(operator, {
      username: a.username, personId, displayName: person.name ?? [person.givenName, person.familyName].filter(Boolean).join(' '),
      role: a.role, clearance: a.clearance, compartments: a.compartments, password, totp: !!a.totp,
    });
    accounts.push({ username: a.username, password, role: a.role, person: r.account.displayName, totpSecret: r.totpSecret });
  }
  // Hawk post: the routes, and the letters of the story at their own instants.
  const post = await loadPost(story, (key) => {
    const id = personIds.get(key);
    if (!id) throw new Error(`the demo's post names "${key}", who is not in canon.ts`);
    return id;
  }, orphansBill);
  created += post.created;
  // The desk: Kankuro acting for the Kazekage while he is in the desert (days 6–9).
  const desk = await loadDesk(story, (key) => {
    const id = personIds.get(key);
    if (!id) throw new Error(`the demo's desk names "${key}", who is not in canon.ts`);
    return id;
  });
  created += desk.created;
  // Missions and their after-action reports (the escort to Snow, the prisoner transfer, older ones);
  // then cases: the breach inquest, its evidence and custody, the extradition and prisoner-transfer requests.
  for (const [what, load] of [['missions', loadMissions], ['cases', loadCases]] as const) {
    const loaded = await load(story, (key) => {
      const id = personIds.get(key);
      if (!id) throw new Error(`the demo's ${what} name "${key}", who is not in canon.ts`);
      return id;
    });
    created += loaded.created;
  }
  // The cases' notices went by hawk in the story: the aviary carries them as it carried the rest.
  await carryUntil(story, ctx.now());
  const statutes = STATUTE_BOOK.reduce((n, t) => n + t.statutes.length, 0);
  return { people: people.length, organizations: ORGANIZATIONS.length, posts: POSTS.length, memberships, statutes, created, accounts };
}

/** The demo accounts' passwords, printed once: they are stored only as argon2 hashes. */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  if (!accounts.length) return '';
  const lines = ['Demo accounts (passwords are shown only now; keep them):'];
  for (const a of accounts) {
    lines.push(`  ${a.username.padEnd(8)} ${a.password}   ${a.role.padEnd(10)} ${a.person}`);
    if (a.totpSecret) lines.push(`           one-time codes required: add secret ${a.totpSecret} to an authenticator app`);
  }
  return lines.join('\n');
}
