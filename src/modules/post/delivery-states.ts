// A delivery's life (pure): one message to one recipient, from the post's acceptance to the
// recipient's action. Delivery and the delivery receipt are the system's; "read" comes only from
// the reader's own action, never automatically; acknowledging or actioning is the reader's answer.
// A delivery that cannot be made fails, and the sender gets a non-delivery notice.
//
//   queued → in transit (between villages) → delivered → read → acknowledged → actioned
//   queued → delivered (within the village)            read → actioned
//   queued | in transit → failed

export const DELIVERY_STATES = ['queued', 'in_transit', 'delivered', 'read', 'acknowledged', 'actioned', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const NEXT_DELIVERY_STATES: Readonly<Record<DeliveryState, readonly DeliveryState[]>> = {
  queued: ['in_transit', 'delivered', 'failed'],
  in_transit: ['delivered', 'failed'],
  delivered: ['read'],
  read: ['acknowledged', 'actioned'],
  acknowledged: ['actioned'],
  actioned: [],
  failed: [],
};

/** States only the recipient's own action reaches. */
export const READER_STATES: ReadonlySet<DeliveryState> = new Set(['read', 'acknowledged', 'actioned']);

export const DELIVERY_WORDS: Readonly<Record<DeliveryState, string>> = {
  queued: 'waiting at the aviary', in_transit: 'in flight', delivered: 'delivered', read: 'read',
  acknowledged: 'acknowledged', actioned: 'actioned', failed: 'not delivered',
};

/** Why a delivery at `from` cannot move to `to`, in words that say what may come next; null when it may. */
export function deliveryRefusal(from: DeliveryState, to: DeliveryState): string | null {
  const allowed = NEXT_DELIVERY_STATES[from];
  if (allowed.includes(to)) return null;
  if (allowed.length === 0) return `the message is ${DELIVERY_WORDS[from]}, which is final`;
  return `a message ${DELIVERY_WORDS[from]} cannot become ${DELIVERY_WORDS[to]}: next comes ${allowed.map((s) => DELIVERY_WORDS[s]).join(' or ')}`;
}

/** Delivered at least once: a copy arriving again (a retried or duplicated hawk) changes nothing. */
export const isDelivered = (s: DeliveryState): boolean => s !== 'queued' && s !== 'in_transit' && s !== 'failed';
