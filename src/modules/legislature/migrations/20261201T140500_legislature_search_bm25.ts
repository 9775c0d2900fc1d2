// PostgreSQL ranks the law search by the same formula as SQLite's FTS5 (bm25, k1 = 1.2, b = 0.75,
// heading and code weighing 4, body 1), so both databases put the same statutes first. ts_rank
// knows nothing of how rare a word is, and with several words it ranked differently (search.ts
// says how the score is put together). What bm25 needs from each document, and cannot read
// from a tsvector, is kept beside it:
// - search_len: the document's length in tokens as FTS5 counts it, every column, the scope
//   tokens of the SQLite index included (1 for the kind, 1 for a title, 1 if not the latest
//   version, 1 if labelled: see 20261201T140300), since FTS5 divides by that length;
// - legislature_search_tf: how often a phrase (a prefix in its last word) occurs, each occurrence
//   weighing as its column does (A = heading or code: 4, B = body: 1), from the tsvector's
//   positions.
// SQLite needs nothing: FTS5 has bm25 built in.
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

const DDL: Record<DialectName, { up: string[]; down: string[] }> = {
  sqlite: { up: [], down: [] },
  postgres: {
    up: [
      // Folded text is words separated by single spaces (legislature_search_fold).
      `create function legislature_search_words(t text) returns integer language sql immutable parallel safe as $$
         select coalesce(cardinality(string_to_array(nullif(btrim(legislature_search_fold(t)), ''), ' ')), 0)
       $$`,
      'alter table legislature_search_doc add column search_len integer not null default 0',
      `create or replace function legislature_search_doc_tsv() returns trigger language plpgsql as $$
       begin
         new.search_tsv :=
           setweight(to_tsvector('simple', legislature_search_fold(new.heading)), 'A') ||
           setweight(to_tsvector('simple', legislature_search_fold(new.code)), 'A') ||
           setweight(to_tsvector('simple', legislature_search_fold(new.body)), 'B');
         new.search_len :=
           legislature_search_words(new.heading) + legislature_search_words(new.code) + legislature_search_words(new.body)
           + 1
           + (case when new.title_number is null then 0 else 1 end)
           + (case when new.latest then 0 else 1 end)
           + (case when new.classification = 'public' and new.compartments = '[]'::jsonb then 0 else 1 end);
         return new;
       end $$`,
      'drop trigger legislature_search_doc_tsv on legislature_search_doc',
      `create trigger legislature_search_doc_tsv before insert or update of heading, body, code, title_number, latest, classification, compartments
         on legislature_search_doc for each row execute function legislature_search_doc_tsv()`,
      // Occurrences of the phrase words[1] words[2] …: positions p, p+1, … holding them in turn.
      `create function legislature_search_tf(tsv tsvector, words text[], is_prefix boolean) returns float8
         language sql immutable parallel safe as $$
         with occ as (
           select u.lexeme, p.pos, p.w
           from unnest(tsv) u, unnest(u.positions, u.weights) as p(pos, w)
           where u.lexeme = any(words) or (is_prefix and starts_with(u.lexeme, words[cardinality(words)]))
         ),
         firsts as (
           select o.pos, o.w from occ o
           where o.lexeme = words[1] or (is_prefix and cardinality(words) = 1 and starts_with(o.lexeme, words[1]))
         )
         select coalesce(sum(case f.w when 'A' then 4.0 else 1.0 end), 0)::float8
         from firsts f
         where not exists (
           select 1 from generate_series(2, cardinality(words)) k
           where not exists (
             select 1 from occ o2 where o2.pos = f.pos + k - 1
               and (o2.lexeme = words[k] or (is_prefix and k = cardinality(words) and starts_with(o2.lexeme, words[k])))))
       $$`,
      // Documents written before this migration.
      'update legislature_search_doc set heading = heading',
    ],
    down: [
      'drop function if exists legislature_search_tf(tsvector, text[], boolean)',
      'drop trigger if exists legislature_search_doc_tsv on legislature_search_doc',
      `create trigger legislature_search_doc_tsv before insert or update of heading, body, code on legislature_search_doc
         for each row execute function legislature_search_doc_tsv()`,
      'alter table legislature_search_doc drop column if exists search_len',
      'drop function if exists legislature_search_words(text)',
    ],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].up) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].down) await sql.raw(ddl).execute(db);
}
