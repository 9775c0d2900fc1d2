// Shapes the registry API returns (mirrors src/modules/registry/registry.schema.ts outputs).
/** A referenced record the reader is not cleared to see: the API sends this instead of its name, code or id. */
export interface Withheld { withheld: true }
export type Ref<T> = T | Withheld;
export const isWithheld = (v: unknown): v is Withheld => typeof v === 'object' && v !== null && (v as Withheld).withheld === true;
export interface VillageRef { id: string; code: string; name: string }
export interface Village extends VillageRef { land: string | null; leaderTitle: string | null }
export interface StatusEntry { id: string; status: string; label: string; since: string; reason: string | null; recordedAt: string }
export interface Person {
  id: string; name: string | null; givenName: string | null; familyName: string | null; otherNames: string[]; displayName: string;
  birthVillage: VillageRef | null; allegianceVillage: VillageRef | null; rank: string; rankLabel: string; specialities: string[];
  summary: string | null; status: StatusEntry | null; classification: string; compartments: string[]; version: number; createdAt: string; updatedAt: string;
}
export interface PersonSummary {
  id: string; displayName: string; rank: string; rankLabel: string; allegianceVillage: VillageRef | null;
  status: { status: string; label: string; since: string } | null; classification: string; compartments: string[]; version: number;
}
export interface Membership {
  id: string; person: { id: string; displayName: string; rank: string }; organization: { id: string; code: string | null; name: string };
  post: Ref<{ id: string; code: string | null; label: string }> | null; role: string | null; onBehalfOf: Ref<{ id: string; name: string }> | null;
  startDate: string | null; endDate: string | null; endReason: string | null; classification: string; compartments: string[]; version: number;
}
export interface PersonDetail extends Person { statusHistory: StatusEntry[]; memberships: Membership[] }
export interface Organization {
  id: string; code: string | null; name: string; kind: string; description: string | null; parentId: Ref<string> | null; village: VillageRef | null;
  foundingDate: string | null; dissolutionDate: string | null; classification: string; compartments: string[]; version: number;
}
export interface Post { id: string; code: string | null; label: string; role: string | null; organizationId: Ref<string> | null; organizationName: Ref<string> | null }
export interface OrganizationDetail extends Organization { children: Organization[]; posts: Post[]; members: Membership[] }
export interface Page<T> { items: T[]; total: number }
export interface StatusFacet { status: string | null; label: string; count: number }
export interface PeoplePage extends Page<PersonSummary> { facets?: { status: StatusFacet[] } }

export const RANKS: [string, string][] = [
  ['academy', 'Academy student'], ['genin', 'Genin'], ['chuunin', 'Chuunin'], ['special_jounin', 'Special jounin'],
  ['jounin', 'Jounin'], ['anbu', 'ANBU'], ['kage', 'Kage'], ['civilian', 'Civilian'],
];
export const CLASSIFICATIONS: [string, string][] = [['public', 'Public'], ['restricted', 'Restricted'], ['secret', 'Secret'], ['top_secret', 'Top secret']];
export const STATUSES: [string, string][] = [
  ['active', 'active'], ['administrative_leave', 'administrative leave'], ['medical_leave', 'medical leave'], ['missing', 'missing'],
  ['missing_nin', 'missing-nin (defected)'], ['imprisoned', 'imprisoned'], ['deceased', 'deceased'],
];
