// Delegation of authority (pure): the Kazekage grants an acting official authority over some
// kinds of desk items for a period. Authority passes; clearance does not (the service still
// filters items by the acting official's own clearance). These functions decide, to the second,
// whether a delegation is in force and whether its holder may decide a given item.
//
// A delegation is in force on the half-open interval [from, to): at `from` yes, at `to` no, and
// from its revocation on. It cannot be passed on (no re-delegation), and an acting official may
// not decide an item they originated themselves.

export interface Delegation {
  id: string;
  /** The person whose authority is delegated (the Kazekage). */
  grantor: string;
  /** The acting official. */
  delegate: string;
  /** ISO-8601 instants. */
  from: string;
  to: string;
  /** Kinds of desk item covered (e.g. "legislature.bill.sign"); empty = every kind. */
  scope: readonly string[];
  revokedAt: string | null;
}

export interface DeskItemFacts {
  /** Whose desk the item is on. */
  owner: string;
  kind: string;
  /** Who created the matter the item asks to decide (a person id), if known. */
  originator: string | null;
  /** Whose authority deciding it exercises, when not the owner's own (an item delegated to the owner). */
  authority?: string | null;
}

const t = (iso: string) => Date.parse(iso);

/** Whether the delegation is in force at `at`: from its start, up to (not at) its end or its revocation. */
export function inForce(d: Delegation, at: Date): boolean {
  const now = at.getTime();
  return t(d.from) <= now && now < t(d.to) && (d.revokedAt === null || now < t(d.revokedAt));
}

export const covers = (d: Delegation, kind: string): boolean => d.scope.length === 0 || d.scope.includes(kind);

export type ActingDecision =
  | { may: true; delegation: Delegation }
  | { may: false; reason: 'not_delegated' | 'originator'; message: string };

/**
 * Whether `person` may decide `item` at `at`: on their own desk always; on another's only through
 * a delegation from that desk's owner, in force, covering the item's kind, and never for an item
 * they originated. The delegation returned is the one to record with the decision ("acting for").
 */
export function actingDecision(person: string, item: DeskItemFacts, at: Date, delegations: readonly Delegation[]): ActingDecision | { may: true; delegation: null } {
  if (item.owner === person) {
    // A single item handed to its owner is still decided for another: the originator rule holds.
    if (item.authority && item.authority !== person && item.originator === person) return { may: false, reason: 'originator', message: 'you originated this matter: you may not decide it for another' };
    return { may: true, delegation: null };
  }
  const d = delegations.find((x) => x.grantor === item.owner && x.delegate === person && inForce(x, at) && covers(x, item.kind));
  if (!d) return { may: false, reason: 'not_delegated', message: 'no delegation in force gives you this item' };
  if (item.originator === person) return { may: false, reason: 'originator', message: 'you originated this matter: an acting official may not decide their own' };
  return { may: true, delegation: d };
}

export interface DelegationRequest {
  grantor: string;
  delegate: string;
  from: string;
  to: string;
}

/**
 * Why a delegation may not be granted, as [field, message] pairs (empty when it may): it must end
 * after it starts, last no longer than the statute allows, and go to someone else. Re-delegation
 * needs no rule here: a delegation covers only its grantor's own desk, and `actingDecision`
 * never follows one delegation into another, so what an acting official holds cannot pass on.
 */
export function grantRefusals(r: DelegationRequest, maxDays: number): [string, string][] {
  const out: [string, string][] = [];
  if (r.delegate === r.grantor) out.push(['delegate', 'a delegation goes to someone else: name the acting official']);
  if (!(t(r.to) > t(r.from))) out.push(['to', 'the delegation must end after it starts']);
  else if (t(r.to) - t(r.from) > maxDays * 86_400_000) out.push(['to', `a delegation lasts at most ${maxDays} days: end it by ${new Date(t(r.from) + maxDays * 86_400_000).toISOString()}, and grant a new one then if needed`]);
  return out;
}
