// SQLite: the search documents every reader may see in a search without a date — the latest
// versions, open to all — are numbered below SEARCH_OPEN_BELOW, every other document above it.
// FTS5 takes a rowid range as part of a MATCH, so a visitor's search ranks and counts exactly
// the documents it may see without reading a scope token (a NOT over thousands of labelled
// documents cost a visitor's count twice a plain one) or joining to the table. search-index.ts
// numbers each document as it writes it; the triggers refuse a number in the wrong range, so a
// later writer that forgot cannot make a labelled document countable by a visitor.
//
// PostgreSQL needs nothing: its engine filters in one pass over the GIN index (search.ts).
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

/** Kept in step with SEARCH_OPEN_BELOW in search-index.ts (a migration never imports live code). */
const OPEN_BELOW = 1_000_000_000_000;
const OPEN = `(new.latest and new.classification = 'public' and new.compartments = '[]')`;
const WRONG = `new.n is null or new.n < 1 or (new.n < ${OPEN_BELOW}) <> ${OPEN}`;

const DDL: Record<DialectName, { up: string[]; down: string[] }> = {
  sqlite: {
    up: [
      // Existing documents (the FTS update trigger re-indexes each under its new number).
      `update legislature_search_doc set n = n + ${OPEN_BELOW}
         where n < ${OPEN_BELOW} and not (latest and classification = 'public' and compartments = '[]')`,
      `create trigger legislature_search_doc_partition_insert before insert on legislature_search_doc
         when ${WRONG} begin select raise(abort, 'search document numbered outside its partition (search-index.ts numbers them)'); end`,
      `create trigger legislature_search_doc_partition_update before update on legislature_search_doc
         when ${WRONG} begin select raise(abort, 'search document numbered outside its partition (search-index.ts numbers them)'); end`,
    ],
    down: [
      'drop trigger if exists legislature_search_doc_partition_update',
      'drop trigger if exists legislature_search_doc_partition_insert',
    ],
  },
  postgres: { up: [], down: [] },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].up) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].down) await sql.raw(ddl).execute(db);
}
