// Chain of custody of an evidence item (pure). An item is in exactly one person's hands at a time:
// the collector's until the first transfer, then each transfer's receiver's. A chain a court will
// accept is unbroken (each release by whoever last received the item), in time order, confirmed by
// both hands, and for a digital item its SHA-256 is checked at every hand-over, so an altered copy
// shows at the transfer where it appeared.
//
// A broken seal is recorded, not refused: refusing it would leave the item with a custodian who
// can no longer account for it, and hide the very fact the chain exists to show.
import type { CaseState } from './case-lifecycle.ts';

export interface EvidenceItem {
  /** The item's number on the case, e.g. `INQ-2026-003/E-01`. */
  code: string;
  description: string;
  quantity: number;
  /** Condition when collected. */
  condition: string;
  sealNumber: string | null;
  collectedBy: string;
  /** ISO-8601 instant. */
  collectedAt: string;
  collectedWhere: string;
  /** SHA-256 of a digital item, 64 hex digits; null for a physical item. */
  sha256: string | null;
  storageLocation: string | null;
  disposition: Disposition | null;
}

export interface CustodyTransfer {
  releasedBy: string;
  receivedBy: string;
  /** ISO-8601 instant of the hand-over. */
  at: string;
  purpose: string;
  /** Condition as the receiver found it. */
  condition: string;
  sealIntact: boolean;
  releaserConfirmed: boolean;
  receiverConfirmed: boolean;
  /** A digital item's SHA-256 as computed at the hand-over; null for a physical item. */
  sha256: string | null;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/** A refused hand-over: why, in words for the evidence clerk, and the field of the input it is about where there is one (the hash computed at the hand-over). */
export interface CustodyRefusal {
  why: string;
  field?: 'sha256';
}

/** Who holds the item after `chain`: the collector until the first transfer. */
export function currentCustodian(item: Pick<EvidenceItem, 'collectedBy'>, chain: readonly Pick<CustodyTransfer, 'receivedBy'>[]): string {
  return chain.length ? chain[chain.length - 1]!.receivedBy : item.collectedBy;
}

/**
 * Why `transfer` may not follow the hand-over that left the item with `holder` at `since`
 * (collection or the last transfer), or null when it may. One walk over the chain uses this for
 * every link, so checking a chain of 10,000 transfers stays linear.
 */
function linkCheck(item: EvidenceItem, holder: string, since: string, transfer: CustodyTransfer): CustodyRefusal | null {
  if (transfer.releasedBy !== holder) return { why: `only the current custodian, ${holder}, can release ${item.code}; ${transfer.releasedBy} does not hold it` };
  if (transfer.receivedBy === transfer.releasedBy) return { why: `${transfer.releasedBy} cannot hand ${item.code} to themself: the receiver must be someone else` };
  if (!transfer.receivedBy.trim()) return { why: `a transfer of ${item.code} needs a receiver` };
  const at = Date.parse(transfer.at);
  if (Number.isNaN(at)) return { why: `"${transfer.at}" is not a time` };
  if (at <= Date.parse(since)) return { why: `the transfer at ${transfer.at} must come after ${since}, when ${holder} received ${item.code}` };
  if (!transfer.purpose.trim()) return { why: `a transfer of ${item.code} needs its purpose` };
  if (!transfer.condition.trim()) return { why: `a transfer of ${item.code} needs the condition the receiver found it in` };
  if (!transfer.releaserConfirmed || !transfer.receiverConfirmed) {
    const missing = [!transfer.releaserConfirmed && `the releaser (${transfer.releasedBy})`, !transfer.receiverConfirmed && `the receiver (${transfer.receivedBy})`].filter(Boolean);
    return { why: `the transfer of ${item.code} is not confirmed by ${missing.join(' and ')}` };
  }
  const hash = hashRefusal(item, transfer.sha256);
  return hash ? { why: hash, field: 'sha256' } : null;
}

/**
 * Why the hash computed at a hand-over does not go with the item (null when it does): a digital
 * item's SHA-256 is computed again at each hand-over and must be the one recorded at collection;
 * a physical item carries none.
 */
export function hashRefusal(item: EvidenceItem, sha256: string | null): string | null {
  if (item.sha256 === null) return sha256 !== null ? `${item.code} is a physical item: a transfer of it carries no hash` : null;
  if (sha256 === null || !SHA256.test(sha256)) return `${item.code} is digital: the transfer needs its SHA-256, 64 hexadecimal digits, computed at the hand-over`;
  if (sha256.toLowerCase() !== item.sha256.toLowerCase()) {
    return `the SHA-256 of ${item.code} computed at the hand-over (${sha256.toLowerCase()}) differs from the one recorded at collection (${item.sha256.toLowerCase()}): the copy is not the item`;
  }
  return null;
}

/** Why `transfer` may not be added to `chain`, in words for the evidence clerk, or null when it may. */
export function transferRefusal(item: EvidenceItem, chain: readonly CustodyTransfer[], transfer: CustodyTransfer): string | null {
  return transferCheck(item, chain, transfer)?.why ?? null;
}

function transferCheck(item: EvidenceItem, chain: readonly CustodyTransfer[], transfer: CustodyTransfer): CustodyRefusal | null {
  // Destroyed, returned or handed abroad, the item is in nobody's hands here to pass on.
  if (item.disposition && GONE.has(item.disposition)) return { why: `${item.code} was ${DISPOSITION_WORDS[item.disposition]}: it has left the village's custody and cannot be handed over` };
  const last = chain[chain.length - 1];
  return linkCheck(item, last ? last.receivedBy : item.collectedBy, last ? last.at : item.collectedAt, transfer);
}

/**
 * The releaser's half of a hand-over, waiting for its receiver: custody passes only when the
 * receiver confirms in their own name, so a chain never says someone received what they did not.
 * A transfer without the receiver's confirmation: its `at` is the release, its `condition` as the
 * releaser handed the item over, its `sha256` computed at the release.
 */
export type HandoverOffer = Omit<CustodyTransfer, 'receiverConfirmed'>;

/** The receiver's half: who confirms, when, and what they found. */
export interface HandoverReceipt {
  by: string;
  /** ISO-8601 instant of the receipt: the moment custody passes. */
  at: string;
  condition: string;
  sealIntact: boolean;
  sha256: string | null;
}

/**
 * Why `offer` may not be made with `pending` already waiting (or null when it may): the item's
 * holder releases it under the same rules as a whole hand-over, and one receiver at a time.
 */
export function offerRefusal(item: EvidenceItem, chain: readonly CustodyTransfer[], pending: HandoverOffer | null, offer: HandoverOffer): CustodyRefusal | null {
  // The releaser's own rules come first: anyone but the holder is refused as such, pending or not.
  const link = transferCheck(item, chain, { ...offer, receiverConfirmed: true });
  if (link) return link;
  if (pending) return { why: `${item.code} is already released to ${pending.receivedBy} (at ${pending.at}) and awaits their confirmation: they confirm or decline it, or ${pending.releasedBy} withdraws it, before it can go to anyone else` };
  return null;
}

/** The link a confirmed hand-over adds to the chain: the release, as the receiver found it. */
export function transferOf(offer: HandoverOffer, receipt: HandoverReceipt): CustodyTransfer {
  return {
    releasedBy: offer.releasedBy, receivedBy: offer.receivedBy, at: receipt.at, purpose: offer.purpose, condition: receipt.condition,
    sealIntact: receipt.sealIntact, releaserConfirmed: offer.releaserConfirmed, receiverConfirmed: true, sha256: receipt.sha256,
  };
}

/** Why `receipt` may not complete `pending` (or null when it may): only its receiver confirms, after the release. */
export function receiptRefusal(item: EvidenceItem, chain: readonly CustodyTransfer[], pending: HandoverOffer | null, receipt: HandoverReceipt): CustodyRefusal | null {
  if (!pending) return { why: `nothing of ${item.code} awaits a receipt: its holder releases it first` };
  if (receipt.by !== pending.receivedBy) return { why: `only ${pending.receivedBy}, to whom ${item.code} was released, can confirm its receipt; ${receipt.by} cannot` };
  const at = Date.parse(receipt.at);
  if (Number.isNaN(at)) return { why: `"${receipt.at}" is not a time` };
  if (at < Date.parse(pending.at)) return { why: `the receipt at ${receipt.at} comes before the release at ${pending.at}` };
  return transferCheck(item, chain, transferOf(pending, receipt));
}

export interface ChainBreak {
  /** 0-based index of the transfer that breaks the chain. */
  index: number;
  problem: string;
}

/**
 * Every link of a stored chain that would have been refused where it stands, each checked against
 * the link before it as stored: empty for an unbroken chain. (Stored chains are written through
 * transferRefusal, so a break means a damaged or tampered record.)
 */
export function chainBreaks(item: EvidenceItem, chain: readonly CustodyTransfer[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let holder = item.collectedBy;
  let since = item.collectedAt;
  chain.forEach((transfer, index) => {
    const problem = linkCheck(item, holder, since, transfer);
    if (problem) breaks.push({ index, problem: problem.why });
    holder = transfer.receivedBy;
    since = transfer.at;
  });
  return breaks;
}

/** What becomes of an item when its case is closed. */
export const DISPOSITIONS = ['returned_to_owner', 'destroyed', 'retained_as_record', 'forfeited_to_village', 'handed_to_another_village'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_WORDS: Readonly<Record<Disposition, string>> = {
  returned_to_owner: 'returned to its owner', destroyed: 'destroyed', retained_as_record: 'retained as a record',
  forfeited_to_village: 'forfeited to the village', handed_to_another_village: 'handed to another village',
};

/** Dispositions after which the village no longer holds the item (retained or forfeited, it still does). */
const GONE: ReadonlySet<Disposition> = new Set(['returned_to_owner', 'destroyed', 'handed_to_another_village']);

/**
 * Why an item's disposition may not become `next` (or null when it may): not while a release of it
 * waits for its receiver (withdraw or decline it first), and once destroyed, returned or handed
 * abroad it stays so — the village no longer holds it, whatever is written later.
 */
export function dispositionChangeRefusal(code: string, current: Disposition | null, next: Disposition, releaseWaiting: boolean): string | null {
  if (releaseWaiting) return `${code} is released and awaits its receiver: they confirm or decline it, or its releaser withdraws it, before its disposition is recorded`;
  if (current && current !== next && GONE.has(current)) return `${code} was ${DISPOSITION_WORDS[current]}: it has left the village's custody, and that cannot be changed`;
  return null;
}

/**
 * Why `by` may not record `next` on an item `holder` holds (null when they may): destroying an
 * item, returning it to its owner or handing it to another village is done with the item in hand,
 * so only its holder records it (as only the holder releases it); retained as a record or
 * forfeited to the village, it stays where it is, and the case's officer records that.
 */
export function dispositionHolderRefusal(code: string, next: Disposition, holder: string, by: string | null): string | null {
  if (!GONE.has(next) || by === holder) return null;
  return `only the holder of ${code} (${holder}) records that it was ${DISPOSITION_WORDS[next]}: it is done with the item in hand. Ask them, or have it handed to you first`;
}

/** Items that still need a disposition: those of a closed case without one; none while the case runs. */
export function itemsAwaitingDisposition<T extends Pick<EvidenceItem, 'disposition'>>(caseState: CaseState, items: readonly T[]): T[] {
  return caseState === 'closed' ? items.filter((i) => i.disposition === null) : [];
}

/** The refusal for closing with items still awaiting a disposition, or null. */
export function dispositionRefusal(caseState: CaseState, items: readonly Pick<EvidenceItem, 'code' | 'disposition'>[]): string | null {
  const waiting = itemsAwaitingDisposition(caseState, items);
  if (!waiting.length) return null;
  return `a case closes only once each of its items has a disposition (${DISPOSITIONS.map((d) => DISPOSITION_WORDS[d]).join(', ')}): record one for ${waiting.map((i) => i.code).join(', ')} first`;
}

/**
 * The printable custody report of an item: plain text lines, one transfer per numbered line,
 * ending with the current custodian and whether the chain is unbroken. The same lines go to the
 * page's print view and to `sandstone custody report ITEM`.
 */
export function custodyReport(item: EvidenceItem, chain: readonly CustodyTransfer[], pending: HandoverOffer | null = null): string[] {
  const breaks = chainBreaks(item, chain);
  const lines = [
    `CHAIN OF CUSTODY — ${item.code}`,
    `Item: ${item.description} (quantity ${item.quantity})`,
    `Seal: ${item.sealNumber ?? 'none'}`,
    item.sha256 === null ? 'Kind: physical item' : `Kind: digital item, SHA-256 ${item.sha256.toLowerCase()}`,
    `Collected: by ${item.collectedBy} at ${item.collectedAt}, ${item.collectedWhere}; condition: ${item.condition}`,
    `Stored at: ${item.storageLocation ?? 'not recorded'}`,
    `Disposition: ${item.disposition ? DISPOSITION_WORDS[item.disposition] : 'none'}`,
    '',
    chain.length ? `Transfers (${chain.length}):` : 'Transfers: none; the item is still with its collector.',
  ];
  chain.forEach((t, i) => {
    const confirmed = t.releaserConfirmed && t.receiverConfirmed ? 'confirmed by both'
      : `NOT confirmed by ${[!t.releaserConfirmed && 'the releaser', !t.receiverConfirmed && 'the receiver'].filter(Boolean).join(' or ')}`;
    const hash = t.sha256 === null ? '' : `; SHA-256 ${t.sha256.toLowerCase()}`;
    lines.push(`${i + 1}. ${t.at}  ${t.releasedBy} → ${t.receivedBy}; purpose: ${t.purpose}; condition: ${t.condition}; seal ${t.sealIntact ? 'intact' : 'BROKEN'}; ${confirmed}${hash}`);
  });
  lines.push('', `Current custodian: ${currentCustodian(item, chain)}`);
  if (pending) lines.push(`Awaiting receipt: released to ${pending.receivedBy} at ${pending.at} (purpose: ${pending.purpose}); custody passes when they confirm`);
  if (breaks.length === 0) lines.push('Chain: unbroken');
  else for (const b of breaks) lines.push(`Chain BROKEN at transfer ${b.index + 1}: ${b.problem}`);
  return lines;
}
