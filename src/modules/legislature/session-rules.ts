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

/** The section that says which questions need two thirds of all councillors. */
export const TWO_THIRDS_STATUTE = '2-111(2)';
/** The paragraphs of section 2-111(2) a motion may rest on: (a) is a veto's override, put as the bill's reading, not as a motion. */
const MOTION_PARAGRAPHS: Readonly<Record<string, string>> = {
  b: 'to amend or suspend a section of Title 2',
  ba: 'to suspend residence permits under section 7-106',
  c: 'to extend a declaration of emergency under section 9-103(2)',
  d: 'to expel a councillor',
};

/** The question a vote puts: a bill reading to a stage (held on a day the bill had another reading, or not), or a motion. */
export type Question = { kind: 'bill'; stage: string; sameDay: boolean } | { kind: 'motion' };
export type Majority = { majority: 'simple' | 'two_thirds'; basis: string };
export type MajorityRefusal = { refused: true; status: 'conflict' | 'unprocessable'; path: 'body.majority' | 'body.basis'; message: string };

/**
 * "section 2-111(2)(a)" of "s. 2-111(2)(A): to override", "2-111 (2) (a)": the first citation of a
 * section and its subdivisions, in the statute book's spelling; null when the text cites none.
 */
export function citationIn(text: string): string | null {
  const m = /(\d{1,2}-\d{3}[A-Z]?)((?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)/.exec(text);
  return m ? `${m[1]}${m[2]!.replace(/\s+/g, '').toLowerCase()}` : null;
}

/**
 * The majority a question needs and the section it comes from (section 2-111): a veto's override
 * needs two thirds by 2-111(2)(a) (section 3-105(3)); a reading held on the day of another reading
 * needs two thirds by 2-111(2)(b) (section 2-114(3)); any other bill reading a majority of those
 * voting (2-111(1)), never more. A motion is carried by 2-111(1) unless it is one of the questions
 * of 2-111(2)(b) to (d), whose paragraph it must cite. An asked majority or basis that is not the
 * rule for the question is refused, saying what is.
 */
export function majorityFor(question: Question, asked: { majority?: 'simple' | 'two_thirds'; basis?: string }): Majority | MajorityRefusal {
  const cited = asked.basis === undefined ? undefined : citationIn(asked.basis);
  const standing: Majority = { majority: 'simple', basis: `section ${MAJORITY_STATUTE}: a majority of the councillors voting` };
  const refuse = (status: MajorityRefusal['status'], path: MajorityRefusal['path'], message: string): MajorityRefusal => ({ refused: true, status, path, message });
  if (question.kind === 'bill') {
    const paragraph = question.stage === 'veto_overridden' ? 'a' : question.sameDay ? 'b' : null;
    if (paragraph === null) {
      if (asked.majority === 'two_thirds' || (cited !== undefined && cited !== MAJORITY_STATUTE)) {
        return refuse('unprocessable', asked.basis !== undefined ? 'body.basis' : 'body.majority',
          `no section requires two thirds for this reading: it is carried by a majority of the councillors voting (section ${MAJORITY_STATUTE}); open it with majority "simple" and no basis`);
      }
      return standing;
    }
    const citation = `${TWO_THIRDS_STATUTE}(${paragraph})`;
    const why = paragraph === 'a'
      ? 'overriding a veto needs two thirds of all councillors (sections 3-105(3) and 2-111(2)(a))'
      : 'a reading on the day of another reading of the bill needs the Council\'s resolution by two thirds of all councillors (sections 2-114(3) and 2-111(2)(b))';
    if (asked.majority === 'simple') return refuse('conflict', 'body.majority', `${why}: open the vote with majority "two_thirds" and basis "section ${citation}"`);
    if (cited !== undefined && cited !== citation) return refuse('unprocessable', 'body.basis', `${why}: the basis is section ${citation}, not ${cited === null ? JSON.stringify(asked.basis!.slice(0, 60)) : `section ${cited}`}`);
    return { majority: 'two_thirds', basis: paragraph === 'a' ? `section ${citation}: to override a veto of the Kazekage (section 3-105(3))` : `section ${citation}: two readings of a bill on the same day (section 2-114(3))` };
  }
  const listed = Object.keys(MOTION_PARAGRAPHS).map((k) => `${TWO_THIRDS_STATUTE}(${k})`).join(', ');
  if (asked.majority !== 'two_thirds') {
    if (cited !== undefined && cited !== MAJORITY_STATUTE) {
      return refuse('unprocessable', 'body.basis', `a simple majority rests on section ${MAJORITY_STATUTE}; a question that needs two thirds is opened with majority "two_thirds" and the paragraph of section ${TWO_THIRDS_STATUTE} that requires it (${listed})`);
    }
    return standing;
  }
  const paragraph = cited?.startsWith(`${TWO_THIRDS_STATUTE}(`) ? cited.slice(TWO_THIRDS_STATUTE.length + 1, -1) : null;
  if (cited === `${TWO_THIRDS_STATUTE}(a)`) return refuse('unprocessable', 'body.basis', 'section 2-111(2)(a) is the override of a veto: put the bill\'s reading to "veto overridden" on the agenda and open the vote on that item');
  if (paragraph === null || !(paragraph in MOTION_PARAGRAPHS)) {
    return refuse('unprocessable', 'body.basis', `two thirds of all councillors is required only where section ${TWO_THIRDS_STATUTE} says so: cite the paragraph that applies to this motion (${listed})`);
  }
  return { majority: 'two_thirds', basis: `section ${cited}: ${MOTION_PARAGRAPHS[paragraph]}` };
}
