// The desk's answers as the web app reads them (src/modules/desk/desk.schema.ts is the source).
export type Withheld = { withheld: true };
export type DeskPerson = { id: string; name: string } | Withheld;
export const isWithheld = (v: unknown): v is Withheld => typeof v === 'object' && v !== null && (v as { withheld?: unknown }).withheld === true;

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type ItemState = 'open' | 'deferred' | 'approved' | 'denied' | 'delegated';

export interface DeskItem {
  id: string;
  kind: string;
  title: string;
  record: { kind: string; id: string; shown: Record<string, unknown> | Withheld };
  owner: DeskPerson;
  authority: DeskPerson | null;
  originator: DeskPerson | null;
  priority: Priority;
  suspense: string;
  overdue: boolean;
  lateBySeconds: number | null;
  state: ItemState;
  actingFor: { delegation: string; person: DeskPerson } | null;
  mayDecide: boolean;
  whyNot: string | null;
  /** Why this one item may not be delegated to another official, or null when it may. */
  whyNotPassOn: string | null;
  decidedAt: string | null;
  interimReply: string | null;
  classification: string;
  compartments: string[];
}
export interface DeskItems { items: DeskItem[]; withheld: number; overdue: number }

export interface Delegation {
  id: string;
  grantor: DeskPerson;
  delegate: DeskPerson;
  from: string;
  to: string;
  scope: string[];
  revokedAt: string | null;
  inForce: boolean;
  maxDays: { days: number; basis: string };
  createdAt: string;
}
export interface Delegations { granted: Delegation[]; held: Delegation[] }

export const PRIORITY_WORDS: Record<Priority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
/** The kinds of item the desk knows today, in words (a delegation's scope names them). */
export const KIND_WORDS: Record<string, string> = { 'legislature.bill.sign': 'bills to sign or veto' };
/** Whose office an item belongs to, by its kind: an acting official acts for the office, not only the person. */
export const OFFICE_OF_KIND: Record<string, string> = { 'legislature.bill.sign': 'the Kazekage' };
