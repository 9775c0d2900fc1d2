// The checks of an Akoma Ntoso import, pure: a file's text → what the statute book takes from it
// (statutes, bills), or the problems that refuse it, each with its file, line and column.
import { AppError } from '../../kernel/errors.ts';
import { readAkn, type AknBill, type AknPosition } from './akn.ts';

/** A statute as importStatutes (legislature.service.ts) takes it. */
export interface StatuteImportIn {
  code: string;
  heading: string;
  titleNumber: number;
  titleHeading?: string;
  versions: { from: string; reason: string; markup: string; madeBy: { kind: 'import'; ref: string | null } }[];
  repealed: { on: string; reason: string } | null;
}

/** One problem that stops an import, where it is. */
export interface AknProblem { file: string; line: number; column: number; message: string }

/** What one file holds, ready for the store: statutes (each with where its section starts) and bills. */
export interface AknFileContent {
  file: string;
  statutes: { statute: StatuteImportIn; at: AknPosition }[];
  bills: AknBill[];
  warnings: string[];
}

const titleOf = (code: string): number => Number(code.slice(0, code.indexOf('-')));

/**
 * Reads one file's text into what the store takes, or the problems that refuse it. Pure: the
 * caller reads the file. The reader is lenient (warnings), the importer is not about what the
 * statute book cannot hold: a statute needs a code, a heading and a dated version, and is
 * repealed after its last version, if at all.
 */
export function readAknFile(file: string, xml: string): { ok: true; content: AknFileContent } | { ok: false; problems: AknProblem[] } {
  const r = readAkn(xml);
  if (!r.ok) return { ok: false, problems: [{ file, ...r.error }] };
  const problems: AknProblem[] = r.flaws.map((f) => ({ file, ...f }));
  const content: AknFileContent = { file, statutes: [], bills: [], warnings: r.warnings };
  const doc = r.document;
  if (doc.kind === 'bill') {
    content.bills.push(doc);
    return problems.length ? { ok: false, problems } : { ok: true, content };
  }
  const seen = new Map<string, AknPosition>();
  doc.statutes.forEach((s, i) => {
    const at = doc.sectionsAt[i]!;
    const problem = (message: string) => problems.push({ file, ...at, message });
    if (!s.code) return void problem(`section ${i + 1} of the act has no statute code (T-S): give it an eId "sec_T-S" or a <num> holding the code`);
    const name = `statute ${s.code}`;
    const before = seen.get(s.code);
    if (before) problem(`${name} appears twice in the file (first at line ${before.line})`);
    else seen.set(s.code, at);
    if (!s.heading) problem(`${name} has no <heading>`);
    if (s.versions.length === 0) problem(`${name} has no text with a date (an FRBRExpression FRBRdate, or a lifecycle event): nothing to import`);
    const last = s.versions[s.versions.length - 1];
    if (s.repealed && last && s.repealed.on <= last.from) problem(`${name} is repealed on ${s.repealed.on}, which is not after its latest version of ${last.from}`);
    const titleNumber = titleOf(s.code);
    if (s.title && s.title.number !== titleNumber) content.warnings.push(`${name} stands under Title ${s.title.number} in the file: imported into Title ${titleNumber}, as its code says`);
    content.statutes.push({
      at,
      statute: {
        code: s.code,
        // The statute is named as its latest version is (the body may hold an older one).
        heading: s.versions.at(-1)?.heading ?? s.heading ?? '',
        titleNumber,
        ...(s.title && s.title.number === titleNumber && s.title.heading ? { titleHeading: s.title.heading } : {}),
        versions: s.versions.map((v) => ({ from: v.from, reason: v.reason, markup: v.text, ...(v.heading ? { heading: v.heading } : {}), madeBy: { kind: 'import' as const, ref: doc.expressionUris[v.from] ?? doc.frbr.work.uri ?? null } })),
        repealed: s.repealed,
        ...(doc.label ? { label: doc.label } : {}),
      },
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, content };
}

const MAX_LISTED = 50;

// A file that cannot be read at all has no line: line 0.
const placeOf = (p: AknProblem) => (p.line ? `${p.file}, line ${p.line}, column ${p.column}` : p.file);

/** The AppError (422) refusing an import for these problems: the first in the message, with where it is; up to 50 as details. */
export function refuseAknProblems(problems: readonly AknProblem[]): never {
  const first = problems[0]!;
  const more = problems.length - 1;
  throw new AppError(
    'LEGISLATURE_AKN_INVALID',
    'unprocessable',
    `${placeOf(first)}: ${first.message}${more ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}. Nothing was imported.`,
    problems.slice(0, MAX_LISTED).map((p) => ({ path: p.line ? `${p.file}:${p.line}:${p.column}` : p.file, message: p.message, file: p.file, line: p.line, column: p.column })),
  );
}

