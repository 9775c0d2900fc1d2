// The write side of the law search: every write to a statute (or an imported bill) replaces that
// record's search documents in the same transaction, so the search never shows text that did not
// commit, nor misses text that did. The read side (ranking, snippets, typo tolerance, both
// databases' full-text engines) lives in search.ts.
import { sql, type Kysely } from 'kysely';
import { boolParam, dialectOf, toJson, type DialectName } from '../../kernel/db/dialect.ts';
import type { Label } from '../../kernel/auth/labels.ts';

/** What a search document is: a statute version, a bill's text, or a session's approved minutes. */
export const SEARCH_KINDS = ['statute', 'bill', 'minutes'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One searchable text: a statute version (or a bill's text), with what filters and labels it. */
export interface SearchDoc {
  /** The statute version's (or bill's, or `minutes:<session id>`) id: unique across documents. */
  versionId: string;
  code: string;
  heading: string;
  titleNumber: number | null;
  /** Plain text (statute-text.ts plainText), without markup. */
  body: string;
  /** In force from (inclusive) … to (exclusive), YYYY-MM-DD; null for a bill. */
  validFrom: string | null;
  validTo: string | null;
  /** The record's repeal date, when repealed (on every one of its documents). */
  repealedOn: string | null;
  /** The record's latest version: what a search without a date shows. */
  latest: boolean;
  label: Label;
}

/**
 * On SQLite, documents a search without a date shows to every reader (latest, open to all) are
 * numbered below this, all others above (migration 20261201T140400 says why; its triggers refuse
 * a number in the wrong range).
 */
export const SEARCH_OPEN_BELOW = 1_000_000_000_000;
const isOpen = (d: SearchDoc): boolean => d.latest && d.label.classification === 'public' && d.label.compartments.length === 0;

/** How each database numbers new documents: given a document, its n (or undefined: the database's own). */
const NUMBERING: Record<DialectName, (db: Kysely<any>) => Promise<((d: SearchDoc) => number) | null>> = {
  // The writer holds SQLite's one write lock for the whole transaction: max + 1 is safe.
  sqlite: async (db) => {
    const r = (await sql<{ open: number | null; other: number | null }>`select
      (select max(n) from legislature_search_doc where n < ${SEARCH_OPEN_BELOW}) as open,
      (select max(n) from legislature_search_doc where n >= ${SEARCH_OPEN_BELOW}) as other`.execute(db)).rows[0]!;
    let open = Number(r.open ?? 0);
    let other = Number(r.other ?? SEARCH_OPEN_BELOW - 1);
    return (d) => (isOpen(d) ? ++open : ++other);
  },
  postgres: async () => null,
};

/** Replaces every search document of one record (a statute's versions, a bill's text) with docs. */
export async function replaceSearchDocs(db: Kysely<any>, kind: SearchKind, refId: string, docs: readonly SearchDoc[]): Promise<void> {
  await replaceSearchDocsOf(db, kind, new Map([[refId, docs]]));
}

/** The same for many records at once (an import): a few statements, not a few per record. */
export async function replaceSearchDocsOf(db: Kysely<any>, kind: SearchKind, byRef: ReadonlyMap<string, readonly SearchDoc[]>): Promise<void> {
  const refs = [...byRef.keys()];
  // Chunks keep each statement under SQLite's bound-parameter limit (13 columns a row).
  for (let i = 0; i < refs.length; i += 500) {
    await db.deleteFrom('legislature_search_doc').where('kind', '=', kind).where('ref_id', 'in', refs.slice(i, i + 500)).execute();
  }
  const dialect = dialectOf(db);
  const number = await NUMBERING[dialect](db);
  const rows = [...byRef].flatMap(([refId, docs]) => docs.map((d) => ({
    // Undefined, not absent, on PostgreSQL (kysely leaves the column out): a spread here made every
    // row a slow dictionary object, a tenth of an import's time.
    n: number ? number(d) : undefined,
    kind, ref_id: refId, version_id: d.versionId, code: d.code, heading: d.heading, title_number: d.titleNumber, body: d.body,
    valid_from: d.validFrom, valid_to: d.validTo, repealed_on: d.repealedOn, latest: boolParam(dialect, d.latest),
    classification: d.label.classification, compartments: toJson([...d.label.compartments].sort()),
  })));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('legislature_search_doc').values(rows.slice(i, i + 500)).execute();
}
