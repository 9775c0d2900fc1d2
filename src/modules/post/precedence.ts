// Precedence of hawk post (pure): the four military message precedences with their handling
// objectives, and the one order in which the aviary dispatches — higher precedence always first,
// first come first served within one. The dispatcher's SQL orders by the same three keys
// (precedence rank, accepted instant, id); this function is the rule it is tested against.

export const PRECEDENCES = ['flash', 'immediate', 'priority', 'routine'] as const;
export type Precedence = (typeof PRECEDENCES)[number];

/** As written on a message form and the aviary board. */
export const PRECEDENCE_WORDS: Readonly<Record<Precedence, string>> = { flash: 'FLASH', immediate: 'IMMEDIATE', priority: 'PRIORITY', routine: 'ROUTINE' };

/** Minutes from acceptance to delivery within the village (the handling objective). */
export const HANDLING_MINUTES: Readonly<Record<Precedence, number>> = { flash: 10, immediate: 30, priority: 180, routine: 360 };

/** 0 for FLASH … 3 for ROUTINE: what the dispatcher sorts on first. */
export const rankOf = (p: Precedence): number => PRECEDENCES.indexOf(p);

export interface Queued {
  id: string;
  precedence: Precedence;
  /** ISO-8601 instant the post accepted the message. */
  acceptedAt: string;
}

/**
 * The dispatch order: higher precedence first; within one, the earlier accepted first; the id
 * (ULIDs sort by creation) breaks a tie between messages accepted in the same millisecond.
 */
export function dispatchOrder(a: Queued, b: Queued): number {
  return rankOf(a.precedence) - rankOf(b.precedence)
    || Date.parse(a.acceptedAt) - Date.parse(b.acceptedAt)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The message the aviary sends next from those waiting, or null when none waits. */
export function nextToDispatch<T extends Queued>(waiting: readonly T[]): T | null {
  let best: T | null = null;
  for (const m of waiting) if (best === null || dispatchOrder(m, best) < 0) best = m;
  return best;
}

/**
 * Minutes after delivery an unacknowledged message escalates (to the recipient's deputy and back
 * to the sender); null for precedences that do not escalate. FLASH only, as the issue sets it.
 */
export const ESCALATE_AFTER_MINUTES: Readonly<Record<Precedence, number | null>> = { flash: 10, immediate: null, priority: null, routine: null };

/** When a message delivered at `deliveredAt` escalates if still unacknowledged, or null. */
export function escalationDue(deliveredAt: Date, precedence: Precedence): Date | null {
  const m = ESCALATE_AFTER_MINUTES[precedence];
  return m === null ? null : new Date(deliveredAt.getTime() + m * 60_000);
}
