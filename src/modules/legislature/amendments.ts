// Structured amendments (pure): what a bill does to the statute book, applied to the texts in
// force on its commencement date to give the new texts. Consolidation is derived from the
// amendments, never typed twice: the enacting job stores what this returns as new versions.
//
// An amendment names a statute and a subdivision by its citation path (['2', 'b'] is (2)(b); []
// the whole section) and does one thing to it:
//   substitute  new text for the subdivision (its children included), or for the whole section;
//   insert      a new subdivision (after the sibling named by `after`, else last under its
//               parent), or a new section (path [] with a heading);
//   repeal      remove the subdivision (its children included), or repeal the whole section;
//   renumber    give the subdivision a new number (its children follow; eIds follow the numbers).
// New text is statute markup (statute-text.ts) written from column 0, its first line carrying the
// subdivision's own marker; it is indented to the subdivision's level here.
//
// Amendments commencing on one date apply in the order given. Two of them touching the same
// subdivision (or one inside the other) of one statute conflict: which text would stand depends
// on an order the Council never voted on, so both are named and nothing is applied.
import { parseStatuteText, renderStatuteText, subdivisionsOf } from './statute-text.ts';

export type AmendmentOp = 'substitute' | 'insert' | 'repeal' | 'renumber';

export interface Amendment {
  /** Says which amendment this is, in messages: e.g. "B-2026-004 amendment 2". */
  ref: string;
  code: string;
  op: AmendmentOp;
  path: readonly string[];
  /** substitute, insert: the new markup. */
  text?: string;
  /** insert: the sibling number the new subdivision follows. */
  after?: string;
  /** renumber: the new number. */
  newNum?: string;
  /** insert of a new section, or substitute of a whole one: its heading (kept when absent). */
  heading?: string;
}

export interface StatuteState { heading: string; markup: string }
export type AmendedStatute = StatuteState | { repealed: true };

export interface AmendmentProblem { ref: string; message: string }
export class AmendmentRefusal extends Error {
  constructor(readonly problems: AmendmentProblem[]) {
    super(problems.map((p) => `${p.ref}: ${p.message}`).join('; '));
  }
}

const INDENT = [0, 2, 4];
const cite = (code: string, path: readonly string[]) => `${code}${path.map((p) => `(${p})`).join('')}`;
const within = (outer: readonly string[], inner: readonly string[]) => outer.length <= inner.length && outer.every((p, i) => inner[i] === p);

/** The first marker's number of a markup fragment, or null. */
const firstNum = (text: string): string | null => /^\(([A-Za-z0-9]{1,8})\)/.exec(text.trimStart())?.[1] ?? null;

/** Lines of one statute's text, each with the citation path of the subdivision it is. */
function linesOf(code: string, markup: string): Array<{ path: string[]; line: string }> {
  const { text } = parseStatuteText(code, markup);
  const lines = renderStatuteText(text).split('\n');
  return subdivisionsOf(text).map((e, i) => ({ path: e.path, line: lines[i]! }));
}

function applyOne(state: StatuteState, a: Amendment): AmendedStatute {
  const problem = (message: string): never => { throw new AmendmentRefusal([{ ref: a.ref, message }]); };
  if (a.path.length === 0) {
    if (a.op === 'repeal') return { repealed: true };
    if (a.op === 'substitute') return { heading: a.heading ?? state.heading, markup: a.text ?? problem('a substitution needs the new text') };
    return problem(a.op === 'insert' ? `statute ${a.code} exists already: substitute its text instead` : 'a whole section cannot be renumbered: repeal it and insert the new one');
  }
  if (a.path.length > 3) problem(`${cite(a.code, a.path)} is deeper than an item`);
  const lines = linesOf(a.code, state.markup);
  const at = lines.findIndex((l) => l.path.length === a.path.length && within(a.path, l.path));
  const end = (from: number) => { let k = from + 1; while (k < lines.length && within(lines[from]!.path, lines[k]!.path)) k++; return k; };
  const indented = (text: string) => text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').map((l) => ' '.repeat(INDENT[a.path.length - 1]!) + l);
  const num = a.path[a.path.length - 1]!;
  const parent = a.path.slice(0, -1);
  let out: string[];
  if (a.op === 'insert') {
    if (at >= 0) problem(`${cite(a.code, a.path)} exists already: substitute it instead`);
    if (parent.length && !lines.some((l) => l.path.length === parent.length && within(parent, l.path))) problem(`${cite(a.code, a.path)} cannot be inserted: ${cite(a.code, parent)} does not exist`);
    if (firstNum(a.text ?? '') !== num) problem(`the inserted text must begin with its marker (${num})`);
    const siblings = lines.map((l, i) => [l, i] as const).filter(([l]) => l.path.length === a.path.length && within(parent, l.path));
    let pos: number;
    if (a.after !== undefined) {
      const s = siblings.find(([l]) => l.path[l.path.length - 1] === a.after);
      if (!s) return problem(`${cite(a.code, a.path)} is to follow (${a.after}), which ${cite(a.code, parent)} does not have`);
      pos = end(s[1]);
    } else {
      // Last under its parent: after the parent's whole subtree (or the end of the text).
      const p = parent.length ? lines.findIndex((l) => l.path.length === parent.length && within(parent, l.path)) : -1;
      pos = p >= 0 ? end(p) : lines.length;
    }
    out = [...lines.slice(0, pos).map((l) => l.line), ...indented(a.text!), ...lines.slice(pos).map((l) => l.line)];
  } else {
    if (at < 0) return problem(`statute ${a.code} has no ${cite(a.code, a.path).slice(a.code.length)}`);
    const stop = end(at);
    if (a.op === 'repeal') out = [...lines.slice(0, at), ...lines.slice(stop)].map((l) => l.line);
    else if (a.op === 'substitute') {
      if (firstNum(a.text ?? '') !== num) problem(`the new text of ${cite(a.code, a.path)} must begin with its marker (${num}); to change the number, renumber it`);
      out = [...lines.slice(0, at).map((l) => l.line), ...indented(a.text!), ...lines.slice(stop).map((l) => l.line)];
    } else {
      const to = a.newNum ?? problem('a renumbering needs the new number');
      if (lines.some((l) => l.path.length === a.path.length && within([...parent, to], l.path))) problem(`${cite(a.code, [...parent, to])} exists already`);
      out = lines.map((l, i) => (i === at ? l.line.replace(`(${num})`, `(${to})`) : l.line));
    }
  }
  const markup = out.join('\n');
  const { errors } = parseStatuteText(a.code, markup);
  if (errors.length) problem(`the text of ${a.code} after it would be wrong: line ${errors[0]!.line}: ${errors[0]!.message}`);
  return { heading: state.heading, markup };
}

/**
 * The statutes a set of amendments commencing on one date changes, each as it then reads (or
 * repealed). `inForce` holds the texts in force that day (a code missing from it does not exist).
 * Refuses, naming every amendment concerned, when two touch the same subdivision of one statute
 * or one cannot apply; then nothing applies.
 */
export function applyAmendments(inForce: ReadonlyMap<string, StatuteState>, amendments: readonly Amendment[]): Map<string, AmendedStatute> {
  const problems: AmendmentProblem[] = [];
  for (let i = 0; i < amendments.length; i++) {
    for (let j = 0; j < i; j++) {
      const [x, y] = [amendments[j]!, amendments[i]!];
      if (x.code === y.code && (within(x.path, y.path) || within(y.path, x.path))) {
        problems.push({ ref: y.ref, message: `conflicts with ${x.ref}: both change ${cite(y.code, x.path.length <= y.path.length ? x.path : y.path)} on the same date` });
      }
    }
  }
  if (problems.length) throw new AmendmentRefusal(problems);
  const out = new Map<string, AmendedStatute>();
  for (const a of amendments) {
    const now = out.get(a.code) ?? inForce.get(a.code);
    if (now && 'repealed' in now) throw new AmendmentRefusal([{ ref: a.ref, message: `statute ${a.code} is repealed by an earlier amendment of the same date` }]);
    if (!now) {
      if (a.op !== 'insert' || a.path.length) throw new AmendmentRefusal([{ ref: a.ref, message: `there is no statute ${a.code} in force on that date` }]);
      if (!a.heading || a.text === undefined) throw new AmendmentRefusal([{ ref: a.ref, message: `a new statute ${a.code} needs a heading and its text` }]);
      const { errors } = parseStatuteText(a.code, a.text);
      if (errors.length) throw new AmendmentRefusal([{ ref: a.ref, message: `the text of the new statute ${a.code}: line ${errors[0]!.line}: ${errors[0]!.message}` }]);
      out.set(a.code, { heading: a.heading, markup: a.text });
      continue;
    }
    out.set(a.code, applyOne(now, a));
  }
  return out;
}
