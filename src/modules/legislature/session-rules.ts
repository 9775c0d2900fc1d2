// The Council's standing numbers as the statute book states them (pure): the quorum is read from
// the words of section 2-104(1) in force on the day ("The quorum of the Council is five
// councillors"), and the seats from section 2-101(1) ("It consists of nine councillors"), so an
// amendment of the statute changes them from its date, with no code.

export const QUORUM_STATUTE = '2-104';
/** The constitution of the Council: how many councillors (seats) it has. */
export const SEATS_STATUTE = '2-101';
/** The standing rule for a question: a majority of the councillors voting. */
export const MAJORITY_STATUTE = '2-111(1)';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** A small number written in words or digits ("five", "12"), or null. */
export function numberIn(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (/^\d{1,3}$/.test(w)) return Number(w);
  const i = WORDS.indexOf(w);
  return i >= 0 ? i : null;
}

/** The quorum a section's text states, or null when its words say no number of councillors. */
export function quorumFromText(markup: string): number | null {
  const m = /quorum of the Council is (\w+) councillors?/i.exec(markup);
  return m ? numberIn(m[1]!) : null;
}

/** The seats a section's text gives the Council, or null when its words say no number of councillors. */
export function seatsFromText(markup: string): number | null {
  const m = /\bconsists of (\w+) councillors?\b/i.exec(markup);
  const n = m ? numberIn(m[1]!) : null;
  return n !== null && n > 0 ? n : null;
}

/** Without a quorum statute in force: a majority of the members, as in most councils' standing orders. */
export const defaultQuorum = (members: number): number => Math.floor(members / 2) + 1;
