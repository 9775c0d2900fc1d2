// Ordinary villagers, shinobi and garrison members, generated deterministically from a fixed seed
// so that lists, filters and pagination have something real to work on.
import type { PersonSeed, MembershipSeed, StatusSeed } from './canon.ts';
import type { TRank } from '../modules/registry/index.ts';

/** mulberry32: tiny, fast, and the same sequence on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Aki', 'Chiharu', 'Daichi', 'Eiji', 'Fumiko', 'Goro', 'Hana', 'Hiroshi', 'Ichiro', 'Jiro', 'Kaori', 'Kazuki', 'Kiyomi', 'Makoto', 'Mariko',
  'Minoru', 'Nanami', 'Noboru', 'Osamu', 'Reiko', 'Riku', 'Ryota', 'Sachiko', 'Satoshi', 'Shiori', 'Shun', 'Suzume', 'Takeshi', 'Tomoe', 'Toshiro',
  'Umeko', 'Yasuo', 'Yoshiko', 'Yusuke', 'Zenko', 'Ayame', 'Botan', 'Chō', 'Dai', 'Emi', 'Haruto', 'Isao', 'Jōji', 'Kō', 'Mayu', 'Ōka', 'Ryū', 'Sōta'];
const FAMILY = ['Abe', 'Fujimoto', 'Hamada', 'Hayashi', 'Iwata', 'Kamiya', 'Kato', 'Kondo', 'Kubo', 'Maeda', 'Matsuda', 'Murata', 'Nakano', 'Noguchi',
  'Ogawa', 'Okada', 'Sakai', 'Sasaki', 'Shimizu', 'Sugiyama', 'Takagi', 'Tamura', 'Ueda', 'Wada', 'Yamaguchi', 'Yoshida', 'Sunahara', 'Ōno', 'Kōno', 'Satō'];
const TRADES = ['potter', 'water carrier', 'weaver', 'merchant', 'cook', 'glassblower', 'carpenter', 'scribe', 'camel driver', 'tailor', 'stonemason'];

interface Unit { org: string; role: string; ranks: TRank[]; count: number; specialities?: string[] }
const UNITS: Unit[] = [
  { org: 'western-garrison', role: 'garrison member', ranks: ['chuunin', 'genin', 'jounin'], count: 22, specialities: ['desert survival'] },
  { org: 'gate-guard', role: 'gate guard', ranks: ['chuunin', 'genin'], count: 10 },
  { org: 'jounin-command', role: 'jounin', ranks: ['jounin', 'special_jounin'], count: 12 },
  { org: 'hospital', role: 'medic', ranks: ['chuunin', 'jounin', 'civilian'], count: 12, specialities: ['medical ninjutsu'] },
  { org: 'administration-office', role: 'officer', ranks: ['chuunin', 'civilian'], count: 10 },
  { org: 'aviary', role: 'hawk keeper', ranks: ['civilian', 'genin'], count: 4 },
  { org: 'greenhouses', role: 'grower', ranks: ['civilian'], count: 6, specialities: ['botany'] },
  { org: 'library', role: 'librarian', ranks: ['civilian'], count: 3 },
  { org: 'academy', role: 'student', ranks: ['academy'], count: 16 },
  { org: 'academy', role: 'teacher', ranks: ['chuunin'], count: 5 },
];
const HEADS: Record<string, string> = {
  hospital: 'hospital-director', 'administration-office': 'chief-administrator', aviary: 'aviary-master', library: 'head-librarian',
  greenhouses: 'greenhouse-keeper', 'jounin-command': 'jounin-commander',
};

export function generatePopulation(seed = 20261116): PersonSeed[] {
  const rnd = prng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const used = new Set<string>();
  const freshName = () => {
    for (;;) {
      const g = pick(GIVEN);
      const f = pick(FAMILY);
      if (!used.has(g + f)) {
        used.add(g + f);
        return [g, f] as const;
      }
    }
  };
  const startDate = () => `${2015 + Math.floor(rnd() * 11)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-01`;
  const people: PersonSeed[] = [];
  let n = 0;
  const add = (rank: TRank, memberships: MembershipSeed[], extra: Partial<PersonSeed> = {}) => {
    const [g, f] = freshName();
    const since = memberships[0]?.start ?? startDate();
    const statuses: StatusSeed[] = [{ status: 'active', since, reason: rank === 'civilian' ? 'villager' : 'entered service' }];
    const r = rnd();
    if (r < 0.04) statuses.push({ status: 'medical_leave', since: '2026-10-' + String(1 + Math.floor(rnd() * 28)).padStart(2, '0'), reason: pick(['heat stroke on patrol', 'scorpion sting', 'broken arm in training', 'fever']) });
    else if (r < 0.06) statuses.push({ status: 'administrative_leave', since: '2026-11-0' + (1 + Math.floor(rnd() * 9)), reason: 'family matters' });
    people.push({ key: `villager-${String(++n).padStart(3, '0')}`, givenName: g, familyName: f, birth: 'suna', allegiance: 'suna', rank, statuses, memberships, ...extra });
  };

  for (const u of UNITS) {
    for (let i = 0; i < u.count; i++) {
      const head = i === 0 && HEADS[u.org] && u.role !== 'student' ? HEADS[u.org] : undefined;
      const rank = head && u.org === 'jounin-command' ? 'jounin' : pick(u.ranks);
      add(rank, [{ org: u.org, post: head, role: head ? 'head' : u.role, start: startDate() }], { specialities: u.specialities });
    }
  }
  // Councillors for the seats WORLD.md leaves unnamed.
  for (let seat = 5; seat <= 12; seat++) {
    add('civilian', [{ org: 'council', post: `council-seat-${seat}`, role: 'councillor', start: '2022-04-01' }]);
  }
  // A former councillor, so "who held seat 7 on a date" has two answers over time.
  add('civilian', [{ org: 'council', post: 'council-seat-7', role: 'councillor', start: '2018-04-01', end: '2022-03-31' }], {
    statuses: [{ status: 'active', since: '2018-04-01', reason: 'villager' }, { status: 'deceased', since: '2025-08-14', reason: 'died of old age' }],
  });
  // Villagers with no post.
  for (let i = 0; i < 40; i++) add('civilian', [], { specialities: [pick(TRADES)] });
  return people;
}
