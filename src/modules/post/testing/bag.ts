// Handing letters in as one mail bag, and watching them leave: shared by the mail bag's tests.
import type { AppContext } from '../../../kernel/context.ts';
import { parseInput } from '../../../kernel/validation.ts';
import { hawkCarrier, prepareMessage, RELIABLE_CARRIER, writeLetters } from '../post.service.ts';
import { ZMessageSend } from '../post.schema.ts';
import { postInBag } from '../mail-bag.ts';

/** Letters checked first, then handed in in one turn of the event loop: one bag on either database. */
export async function oneBag(senders: readonly AppContext[], letters: readonly Record<string, unknown>[]) {
  const prepared = await Promise.all(letters.map((l, i) => prepareMessage(senders[i]!, parseInput(ZMessageSend, l))));
  return Promise.all(letters.map((_, i) => postInBag(senders[i]!, prepared[i]!, writeLetters)));
}

/** Runs fn with a carrier that records each departure (delivery id), in order. */
export async function departures(fn: () => Promise<unknown>): Promise<string[]> {
  const departed: string[] = [];
  hawkCarrier.current = { depart: (d) => { departed.push(d.id); }, land: () => [] };
  try {
    await fn();
  } finally {
    hawkCarrier.current = RELIABLE_CARRIER;
  }
  return departed;
}
