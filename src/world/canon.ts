// The canon of WORLD.md as registry data: villages, institutions, posts, named people.
import type { TRank, TStatus, TClassification } from '../modules/registry/index.ts';

export interface VillageSeed { key: string; code: string; name: string; land: string; leaderTitle: string }
export interface OrgSeed { key: string; code: string; name: string; kind: string; parent?: string; village: string; description?: string }
export interface PostSeed { key: string; code: string; label: string; role: string; org: string }
export interface StatusSeed { status: TStatus; since: string; reason: string }
export interface MembershipSeed { org: string; post?: string; role?: string; start?: string; end?: string; classification?: TClassification; compartments?: string[] }
export interface PersonSeed {
  key: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  birth: string;
  allegiance: string;
  rank: TRank;
  specialities?: string[];
  summary?: string;
  classification?: TClassification;
  compartments?: string[];
  statuses?: StatusSeed[];
  memberships?: MembershipSeed[];
}

export const VILLAGES: VillageSeed[] = [
  { key: 'suna', code: 'suna', name: 'Sunagakure', land: 'Land of Wind', leaderTitle: 'Kazekage' },
  { key: 'konoha', code: 'konoha', name: 'Konohagakure', land: 'Land of Fire', leaderTitle: 'Hokage' },
  { key: 'yuki', code: 'yuki', name: 'Yukigakure', land: 'Land of Snow', leaderTitle: 'Yukikage' },
  { key: 'kiri', code: 'kiri', name: 'Kirigakure', land: 'Land of Water', leaderTitle: 'Mizukage' },
  { key: 'iwa', code: 'iwa', name: 'Iwagakure', land: 'Land of Earth', leaderTitle: 'Tsuchikage' },
  { key: 'kumo', code: 'kumo', name: 'Kumogakure', land: 'Land of Lightning', leaderTitle: 'Raikage' },
  { key: 'taki', code: 'taki', name: 'Takigakure', land: 'Land of Waterfalls', leaderTitle: 'village head' },
];

export const ORGANIZATIONS: OrgSeed[] = [
  { key: 'kazekage-office', code: 'kazekage-office', name: "Kazekage's office", kind: 'executive', village: 'suna', description: 'Head of the village and of its military; signs or vetoes bills, opens inquests.' },
  { key: 'council', code: 'council', name: 'Council', kind: 'legislature', village: 'suna', description: 'The legislature; sits at the round table of the main assembly hall.' },
  { key: 'advisory-committee', code: 'advisory-committee', name: 'Advisory committee', kind: 'committee', parent: 'council', village: 'suna', description: 'Councillors who advise the Kazekage.' },
  { key: 'military', code: 'military', name: 'Military', kind: 'military', village: 'suna', description: 'Jounin command and the garrisons.' },
  { key: 'jounin-command', code: 'jounin-command', name: 'Jounin command', kind: 'command', parent: 'military', village: 'suna' },
  { key: 'western-garrison', code: 'western-garrison', name: 'Western garrison', kind: 'garrison', parent: 'military', village: 'suna', description: 'Command post on the western frontier, with sensor-type shinobi.' },
  { key: 'sensor-unit', code: 'sensor-unit', name: 'Sensor unit', kind: 'unit', parent: 'western-garrison', village: 'suna', description: 'Shinobi who feel chakra at a distance.' },
  { key: 'gate-guard', code: 'gate-guard', name: 'Gate guard', kind: 'unit', parent: 'military', village: 'suna' },
  { key: 'anbu', code: 'anbu', name: 'ANBU', kind: 'covert unit', parent: 'military', village: 'suna', description: "Guards and watches the legislative building; the Kazekage's bodyguards." },
  { key: 'personal-guard', code: 'personal-guard', name: "Kazekage's personal guard", kind: 'unit', parent: 'military', village: 'suna' },
  { key: 'administration-office', code: 'administration-office', name: 'Administration office', kind: 'office', village: 'suna', description: 'Receives mission reports; each officer has a pigeon hole.' },
  { key: 'aviary', code: 'aviary', name: 'Aviary', kind: 'office', parent: 'administration-office', village: 'suna', description: 'Messenger hawks between villages; urgent post arrives here.' },
  { key: 'hospital', code: 'hospital', name: 'Hospital', kind: 'hospital', village: 'suna' },
  { key: 'diplomatic-corps', code: 'diplomatic-corps', name: 'Diplomatic corps', kind: 'diplomatic', village: 'suna', description: 'Envoys from other villages posted to Suna; a twice-yearly conference.' },
  { key: 'greenhouses', code: 'greenhouses', name: 'Greenhouses', kind: 'civic', village: 'suna', description: 'Civic growing houses, with a quarantine corner.' },
  { key: 'library', code: 'library', name: 'Library', kind: 'civic', village: 'suna' },
  { key: 'academy', code: 'academy', name: 'Academy', kind: 'school', village: 'suna' },
  { key: 'hokage-office', code: 'hokage-office', name: "Hokage's office", kind: 'executive', village: 'konoha' },
  { key: 'yukikage-office', code: 'yukikage-office', name: "Yukikage's office", kind: 'executive', village: 'yuki' },
  { key: 'yuki-security-council', code: 'yuki-security-council', name: 'Yukigakure security council', kind: 'committee', parent: 'yukikage-office', village: 'yuki' },
];

export const POSTS: PostSeed[] = [
  { key: 'kazekage', code: 'kazekage', label: 'Kazekage', role: 'head of village', org: 'kazekage-office' },
  { key: 'acting-kazekage', code: 'acting-kazekage', label: 'Acting Kazekage', role: 'delegated head of village', org: 'kazekage-office' },
  { key: 'kazekage-aide', code: 'kazekage-aide', label: "Kazekage's aide", role: 'aide', org: 'kazekage-office' },
  ...Array.from({ length: 12 }, (_, i) => ({ key: `council-seat-${i + 1}`, code: `council-seat-${i + 1}`, label: `Council seat ${i + 1}`, role: 'councillor', org: 'council' })),
  { key: 'garrison-commander', code: 'western-garrison-commander', label: 'Commander of the western garrison', role: 'commander', org: 'western-garrison' },
  { key: 'guard-captain', code: 'personal-guard-captain', label: 'Captain of the personal guard', role: 'captain', org: 'personal-guard' },
  { key: 'jounin-commander', code: 'jounin-commander', label: 'Jounin commander', role: 'commander', org: 'jounin-command' },
  { key: 'envoy-konoha', code: 'envoy-konoha', label: 'Envoy of Konohagakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'envoy-kiri', code: 'envoy-kiri', label: 'Envoy of Kirigakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'envoy-iwa', code: 'envoy-iwa', label: 'Envoy of Iwagakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'envoy-kumo', code: 'envoy-kumo', label: 'Envoy of Kumogakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'envoy-taki', code: 'envoy-taki', label: 'Envoy of Takigakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'envoy-yuki', code: 'envoy-yuki', label: 'Envoy of Yukigakure', role: 'envoy', org: 'diplomatic-corps' },
  { key: 'hospital-director', code: 'hospital-director', label: 'Director of the hospital', role: 'director', org: 'hospital' },
  { key: 'chief-administrator', code: 'chief-administrator', label: 'Chief administrator', role: 'head of office', org: 'administration-office' },
  { key: 'aviary-master', code: 'aviary-master', label: 'Aviary master', role: 'head of aviary', org: 'aviary' },
  { key: 'head-librarian', code: 'head-librarian', label: 'Head librarian', role: 'librarian', org: 'library' },
  { key: 'greenhouse-keeper', code: 'greenhouse-keeper', label: 'Keeper of the greenhouses', role: 'keeper', org: 'greenhouses' },
  { key: 'yukikage', code: 'yukikage', label: 'Yukikage', role: 'head of village', org: 'yukikage-office' },
];

const TWO_YEARS_BEFORE = '2024-11-10';
const ANBU_LABEL = { classification: 'secret' as const, compartments: ['ANBU'] };

export const PEOPLE: PersonSeed[] = [
  {
    key: 'gaara', name: 'Gaara', givenName: 'Gaara', birth: 'suna', allegiance: 'suna', rank: 'kage',
    specialities: ['sand manipulation', 'gardening'],
    summary: 'Kazekage. Keeps gardens; wrote a bill to improve conditions for children orphaned by conflict; opened the inquest into the breach.',
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'took office as Kazekage' }],
    memberships: [{ org: 'kazekage-office', post: 'kazekage', role: 'Kazekage', start: '2020-01-01' }],
  },
  {
    key: 'rock-lee', name: 'Rock Lee', givenName: 'Lee', familyName: 'Rock', birth: 'konoha', allegiance: 'konoha', rank: 'jounin',
    specialities: ['taijutsu'],
    summary: "Konoha's envoy posted to Suna. Cannot mould chakra for ninjutsu; lives across from the library; trains at the arroyo.",
    statuses: [
      // His medical leave after the poisoning in Snow is recorded by the mission's injury (missions.ts).
      { status: 'active', since: '2025-03-01', reason: 'posted to Suna as envoy' },
    ],
    memberships: [{ org: 'diplomatic-corps', post: 'envoy-konoha', role: 'envoy', start: '2025-03-01' }],
  },
  {
    key: 'kankuro', name: 'Kankuro', givenName: 'Kankuro', birth: 'suna', allegiance: 'suna', rank: 'jounin',
    specialities: ['puppetry'],
    summary: "Puppeteer, the Kazekage's brother.",
    statuses: [
      // His administrative leave from day 0 is recorded by the Snow mission's injury (missions.ts).
      { status: 'active', since: '2020-01-01', reason: 'jounin of Suna' },
    ],
    memberships: [{ org: 'jounin-command', role: 'jounin', start: '2020-01-01' }],
  },
  {
    key: 'temari', name: 'Temari', givenName: 'Temari', birth: 'suna', allegiance: 'suna', rank: 'jounin',
    specialities: ['wind release', 'diplomacy'],
    summary: "The Kazekage's sister, posted to Konoha.",
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'jounin of Suna' }],
    memberships: [{ org: 'jounin-command', role: 'jounin, posted to Konoha', start: '2020-01-01' }],
  },
  {
    key: 'naruto', name: 'Naruto Uzumaki', givenName: 'Naruto', familyName: 'Uzumaki', birth: 'konoha', allegiance: 'konoha', rank: 'genin',
    summary: 'Travelled back from Snow with the Kazekage’s party.',
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'shinobi of Konoha' }],
  },
  {
    key: 'might-gai', name: 'Might Gai', givenName: 'Gai', familyName: 'Might', birth: 'konoha', allegiance: 'konoha', rank: 'jounin',
    specialities: ['taijutsu'], summary: "Lee's teacher.",
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'jounin of Konoha' }],
  },
  {
    key: 'yukikage', name: 'Yukikage', birth: 'yuki', allegiance: 'yuki', rank: 'kage',
    summary: 'Leader of Yukigakure; met the Kazekage after the breach.',
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'head of Yukigakure' }],
    memberships: [{ org: 'yukikage-office', post: 'yukikage', role: 'Yukikage', start: '2020-01-01' }, { org: 'yuki-security-council', role: 'chair', start: '2020-01-01' }],
  },
  ...(['Yuya', 'Akito', 'Kaede'] as const).map((n): PersonSeed => ({
    key: n.toLowerCase(), name: n, givenName: n, birth: 'yuki', allegiance: 'yuki', rank: 'jounin',
    summary: n === 'Yuya' ? 'Deserted Snow two years earlier; attempted to kill the Kazekage; on trial in Snow.'
      : n === 'Akito' ? 'Deserted Snow with Yuya; injured Kankuro; on trial in Snow.' : 'Third of the group that deserted Snow; on trial in Snow.',
    statuses: [
      { status: 'active', since: '2020-01-01', reason: 'shinobi of Yukigakure' },
      { status: 'missing_nin', since: TWO_YEARS_BEFORE, reason: 'deserted Yukigakure with Yuya, Akito and Kaede' },
    ],
  })),
  ...([
    ['saburo', 'Saburo', 1, false],
    ['kazuyo', 'Kazuyo', 2, true],
    ['isamu', 'Isamu', 3, false],
    ['masa', 'Masa', 4, false],
  ] as const).map(([key, n, seat, advisory]): PersonSeed => ({
    key, name: `Councillor ${n}`, givenName: n, birth: 'suna', allegiance: 'suna', rank: 'civilian',
    summary: key === 'isamu' ? 'Moved to expel all foreign-born shinobi until the investigation ends.'
      : key === 'masa' ? 'Drafting the orphans bill; due on the Kazekage’s desk by Monday; sceptical of it.'
      : key === 'kazuyo' ? 'Member of the advisory committee.' : 'Met the party at the gates.',
    statuses: [{ status: 'active', since: '2022-04-01', reason: 'elected to the Council' }],
    memberships: [
      { org: 'council', post: `council-seat-${seat}`, role: 'councillor', start: '2022-04-01' },
      ...(advisory ? [{ org: 'advisory-committee', role: 'member', start: '2023-01-15' }] : []),
    ],
  })),
  {
    key: 'garrison-commander', name: 'Hayato Kurogane', givenName: 'Hayato', familyName: 'Kurogane', birth: 'suna', allegiance: 'suna', rank: 'jounin',
    specialities: ['command', 'desert tracking'], summary: 'Commander of the western garrison.',
    statuses: [{ status: 'active', since: '2021-06-01', reason: 'took command of the western garrison' }],
    memberships: [{ org: 'western-garrison', post: 'garrison-commander', role: 'commander', start: '2021-06-01' }],
  },
  {
    key: 'guard-captain', name: 'Ren Arashi', givenName: 'Ren', familyName: 'Arashi', birth: 'suna', allegiance: 'suna', rank: 'jounin',
    specialities: ['close protection'], summary: "Captain of the Kazekage's personal guard.",
    statuses: [{ status: 'active', since: '2022-02-01', reason: 'appointed captain of the personal guard' }],
    memberships: [{ org: 'personal-guard', post: 'guard-captain', role: 'captain', start: '2022-02-01' }],
  },
  {
    key: 'aide', name: 'Aiko Nishida', givenName: 'Aiko', familyName: 'Nishida', birth: 'suna', allegiance: 'suna', rank: 'chuunin',
    summary: "The Kazekage's aide.",
    statuses: [{ status: 'active', since: '2023-09-01', reason: "appointed the Kazekage's aide" }],
    memberships: [{ org: 'kazekage-office', post: 'kazekage-aide', role: 'aide', start: '2023-09-01' }],
  },
  {
    key: 'akiyama', name: 'Akiyama', givenName: 'Akiyama', birth: 'suna', allegiance: 'suna', rank: 'civilian',
    summary: 'Keeps a food stall by the market bridge, with his daughters.',
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'villager' }],
  },
  {
    key: 'ishizaki', name: 'Ishizaki', givenName: 'Ishizaki', birth: 'suna', allegiance: 'suna', rank: 'civilian',
    specialities: ['martial arts teaching'], summary: 'Keeps a dojo.',
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'villager' }],
  },
  ...([
    ['naoki', 'Naoki', 'kiri'],
    ['keiko', 'Keiko', 'iwa'],
    ['sayako', 'Sayako', 'kumo'],
    ['hitomi', 'Hitomi', 'taki'],
    ['natsuko', 'Natsuko', 'yuki'],
  ] as const).map(([key, n, v]): PersonSeed => ({
    key, name: n, givenName: n, birth: v, allegiance: v, rank: 'chuunin', specialities: ['diplomacy'],
    summary: 'Diplomat posted to Suna.',
    statuses: [{ status: 'active', since: '2025-01-10', reason: 'posted to Suna' }],
    memberships: [{ org: 'diplomatic-corps', post: `envoy-${v}`, role: 'envoy', start: '2025-01-10' }],
  })),
  // The Kazekage's ANBU bodyguards: their identities are secret (compartment ANBU).
  ...([
    ['anbu-1', 'Jun', 'Takeda'],
    ['anbu-2', 'Sora', 'Ikeda'],
    ['anbu-3', 'Kenji', 'Mori'],
    ['anbu-4', 'Nao', 'Fujita'],
  ] as const).map(([key, g, f]): PersonSeed => ({
    key, givenName: g, familyName: f, birth: 'suna', allegiance: 'suna', rank: 'anbu',
    specialities: ['close protection', 'infiltration'], summary: "One of the Kazekage's ANBU bodyguards.", ...ANBU_LABEL,
    statuses: [{ status: 'active', since: '2022-02-01', reason: 'assigned to the Kazekage' }],
    memberships: [
      { org: 'anbu', role: 'operative', start: '2021-01-01', ...ANBU_LABEL },
      { org: 'personal-guard', role: 'bodyguard', start: '2022-02-01', ...ANBU_LABEL },
    ],
  })),
  // Jounin with ninken, who joined the search party.
  ...([
    ['ninken-1', 'Takumi', 'Inuzuka'],
    ['ninken-2', 'Mei', 'Kaneda'],
  ] as const).map(([key, g, f]): PersonSeed => ({
    key, givenName: g, familyName: f, birth: 'suna', allegiance: 'suna', rank: 'jounin', specialities: ['tracking', 'ninken handler'],
    statuses: [{ status: 'active', since: '2020-01-01', reason: 'jounin of Suna' }],
    memberships: [{ org: 'jounin-command', role: 'jounin', start: '2020-01-01' }],
  })),
  // Sensors of the western garrison, who felt the Kazekage's chakra approaching and lost it.
  ...([
    ['sensor-1', 'Haruka', 'Senda'],
    ['sensor-2', 'Kaito', 'Minami'],
    ['sensor-3', 'Rin', 'Okabe'],
  ] as const).map(([key, g, f]): PersonSeed => ({
    key, givenName: g, familyName: f, birth: 'suna', allegiance: 'suna', rank: 'chuunin', specialities: ['sensor'],
    statuses: [{ status: 'active', since: '2023-04-01', reason: 'posted to the western frontier' }],
    memberships: [{ org: 'sensor-unit', role: 'sensor', start: '2023-04-01' }, { org: 'western-garrison', role: 'garrison member', start: '2023-04-01' }],
  })),
];
