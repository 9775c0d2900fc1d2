// Importing Akoma Ntoso files: acts become statutes with their versions and repeal, bills are kept
// for the bills module. All or nothing: every file is read and checked first, and a problem in any
// of them (XML that is not well formed or is cut short, a statute without a code or a heading, a
// date that is not a date) refuses the whole import, naming the file, line and column, before
// anything is written; then everything is written in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import { authorize, inTx, transact, type AppContext } from '../../kernel/context.ts';
import { AppError, isAppError, type ErrorDetail } from '../../kernel/errors.ts';
import { readAknFile, refuseAknProblems, type AknFileContent, type AknProblem } from './akn-check.ts';
import { importBill, importStatutes } from './legislature.service.ts';

export interface AknImportReport {
  files: number;
  statutes: { created: number; updated: number; unchanged: number };
  /** importBill says only whether a bill is new: one already recorded is updated when it differs, else left as it is. */
  bills: { created: number; existing: number };
  /** Statutes read from acts plus articles read from bills. */
  sections: number;
  warnings: { file: string; message: string }[];
}

export interface AknImportProgress { phase: 'read' | 'write'; done: number; total: number }
export interface AknImportOptions { onProgress?: (p: AknImportProgress) => void }

/** Statutes handed to importStatutes at a time: a progress bar moves, and each call's checks stay small. */
const WRITE_CHUNK = 1000;

/** A refusal from the store about one of a chunk's statutes (its path starts statutes.<index>), said of the file and line that statute came from. */
function located(e: unknown, file: string, chunk: AknFileContent['statutes']): unknown {
  if (!isAppError(e)) return e;
  const whereOf = (p: string | undefined) => {
    const m = p ? /^statutes\.(\d+)(?:\.|$)/.exec(p) : null;
    return m ? chunk[Number(m[1])] : undefined;
  };
  const first = e.details.map((d) => whereOf(d.path)).find(Boolean);
  if (!first) return new AppError(e.code, e.kind, `${file}: ${e.message}`, e.details);
  const details: ErrorDetail[] = e.details.map((d) => {
    const w = whereOf(d.path);
    return w ? { ...d, path: `${file}:${w.at.line}:${w.at.column}`, file, line: w.at.line, column: w.at.column, statute: w.statute.code } : d;
  });
  return new AppError(e.code, e.kind, `${file}, line ${first.at.line}, column ${first.at.column}: statute ${first.statute.code}: ${e.message}`, details);
}

/**
 * Imports Akoma Ntoso files (acts and bills) all or nothing: every file is read and checked, one
 * at a time (only what the store takes is kept, not the XML), then everything is written in one
 * transaction. Importing the same files again changes nothing.
 */
export async function importAknFiles(ctx: AppContext, files: readonly string[], opts: AknImportOptions = {}): Promise<AknImportReport> {
  await authorize(ctx, 'legislature.akn.import');
  if (files.length === 0) throw new AppError('LEGISLATURE_AKN_NO_FILES', 'bad_request', 'No Akoma Ntoso file was given: name at least one.');
  const contents: AknFileContent[] = [];
  const problems: AknProblem[] = [];
  const codes = new Map<string, { file: string; line: number }>();
  for (const [k, file] of files.entries()) {
    let xml: string;
    try {
      xml = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file, line: 0, column: 0, message: `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    const r = readAknFile(file, xml);
    opts.onProgress?.({ phase: 'read', done: k + 1, total: files.length });
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    for (const { statute, at } of r.content.statutes) {
      const other = codes.get(statute.code);
      if (other && other.file !== file) problems.push({ file, ...at, message: `statute ${statute.code} is also in ${other.file} (line ${other.line}): import it from one file` });
      else codes.set(statute.code, { file, line: at.line });
    }
    contents.push(r.content);
  }
  if (problems.length) refuseAknProblems(problems);

  const report: AknImportReport = {
    files: files.length,
    statutes: { created: 0, updated: 0, unchanged: 0 },
    bills: { created: 0, existing: 0 },
    sections: contents.reduce((n, c) => n + c.statutes.length + c.bills.reduce((m, b) => m + b.articles.length, 0), 0),
    warnings: contents.flatMap((c) => c.warnings.map((message) => ({ file: c.file, message }))),
  };
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.({ phase: 'write', done, total: report.sections });
  };
  await transact(ctx, async (tx) => {
    const inner = inTx(ctx, tx);
    for (const c of contents) {
      const source = `akn:${path.basename(c.file)}`;
      for (let i = 0; i < c.statutes.length; i += WRITE_CHUNK) {
        const chunk = c.statutes.slice(i, i + WRITE_CHUNK);
        try {
          const r = await importStatutes(inner, chunk.map((s) => s.statute), { source });
          report.statutes.created += r.created;
          report.statutes.updated += r.updated;
          report.statutes.unchanged += r.unchanged;
        } catch (e) {
          throw located(e, c.file, chunk);
        }
        progress(chunk.length);
      }
      for (const bill of c.bills) {
        try {
          const r = await importBill(inner, bill, { source });
          if (r.created) report.bills.created++;
          else report.bills.existing++;
        } catch (e) {
          throw isAppError(e) ? new AppError(e.code, e.kind, `${c.file}: ${e.message}`, e.details) : e;
        }
        progress(bill.articles.length);
      }
    }
  });
  return report;
}
