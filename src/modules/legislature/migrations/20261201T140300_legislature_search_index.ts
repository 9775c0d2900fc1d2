// The full-text index over legislature_search_doc, one engine per database, both kept by the
// database itself (triggers), so whoever writes a document — a service, an import, the console —
// the index agrees with it in the same transaction.
//
// SQLite: an FTS5 external-content table (the text is stored once, in the documents table) with
// the unicode61 tokenizer folding case and diacritics, and prefix indexes for the typed-ahead
// last word; fts5vocab over it is the vocabulary the typo correction looks through.
//
// PostgreSQL: a tsvector per document (heading and code weighted A, body B) under a GIN index.
// The 'simple' configuration, not 'english': FTS5 neither stems nor drops stop words, so
// 'english' would make "councils" find "council" and "the council" lose "the" on PostgreSQL only,
// and the two databases would rank different documents first for the same words. The text is
// folded before parsing — lowercased, diacritics removed (decomposed, combining accents
// U+0300–U+036F dropped, recomposed: no extension needed), every run of characters that is not a
// letter or digit made a space — so PostgreSQL's parser sees the same words as
// unicode61 does ("14-203" is "14" and "203", not the number "-203"; "e-mail" is two words).
// The vocabulary is a table of every term ever indexed (insert-only: a vanished term costs a
// wasted candidate, which the correction checks against visible documents anyway; counting
// documents per term would make every statute write lock shared rows).
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

const DDL: Record<DialectName, { up: string[]; down: string[] }> = {
  sqlite: {
    up: [
      // Tokens saying how a document departs from what a search without a date wants — not the
      // latest version, labelled (not open to every reader) — and its kind and title, indexed
      // with its words: such a search is then counted by the full-text index alone for the
      // documents every reader may see, and only labelled ones are checked against the reader's
      // clearance row by row. The departures are marked, not the usual case, because bm25 counts
      // the documents of every phrase in a query: a token in every document would cost a pass
      // over all of them. The "zz" prefix and a column of their own keep them apart from the
      // words (search.ts never lets a reader's words reach this column, and the vocabulary
      // leaves it out).
      `alter table legislature_search_doc add column search_scope text generated always as (
         (case when latest then '' else 'zzold ' end) ||
         (case when classification = 'public' and compartments = '[]' then '' else 'zzlabelled ' end) ||
         'zzk' || kind || coalesce(' zzt' || title_number, '')) virtual`,
      `create virtual table legislature_search_fts using fts5(heading, body, code, search_scope,
         content='legislature_search_doc', content_rowid='n',
         tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
      `create virtual table legislature_search_vocab using fts5vocab(legislature_search_fts, col)`,
      `create trigger legislature_search_doc_fts_insert after insert on legislature_search_doc begin
         insert into legislature_search_fts(rowid, heading, body, code, search_scope) values (new.n, new.heading, new.body, new.code, new.search_scope);
       end`,
      `create trigger legislature_search_doc_fts_delete after delete on legislature_search_doc begin
         insert into legislature_search_fts(legislature_search_fts, rowid, heading, body, code, search_scope) values ('delete', old.n, old.heading, old.body, old.code, old.search_scope);
       end`,
      // Any column: the scope tokens follow the flags and the label too.
      `create trigger legislature_search_doc_fts_update after update on legislature_search_doc begin
         insert into legislature_search_fts(legislature_search_fts, rowid, heading, body, code, search_scope) values ('delete', old.n, old.heading, old.body, old.code, old.search_scope);
         insert into legislature_search_fts(rowid, heading, body, code, search_scope) values (new.n, new.heading, new.body, new.code, new.search_scope);
       end`,
      // Documents written before this migration.
      `insert into legislature_search_fts(legislature_search_fts) values ('rebuild')`,
      // What the search's filters read, without the text: a common word matches thousands of
      // documents, and reaching each through its table row (which holds the whole text) costs
      // more than ranking it. search.ts names it (INDEXED BY): the planner prefers the rowid.
      `create index legislature_search_doc_scope_idx on legislature_search_doc
         (n, latest, kind, title_number, valid_from, valid_to, repealed_on, classification, compartments, code)`,
    ],
    down: [
      'drop index if exists legislature_search_doc_scope_idx',
      'drop trigger if exists legislature_search_doc_fts_update',
      'drop trigger if exists legislature_search_doc_fts_delete',
      'drop trigger if exists legislature_search_doc_fts_insert',
      'drop table if exists legislature_search_vocab',
      'drop table if exists legislature_search_fts',
      'alter table legislature_search_doc drop column search_scope',
    ],
  },
  postgres: {
    up: [
      // Mirrored by foldText in search-text.ts, which folds the query's words the same way.
      `create function legislature_search_fold(t text) returns text language sql immutable parallel safe as $$
         select regexp_replace(lower(normalize(regexp_replace(normalize(coalesce(t, ''), NFD), '[\\u0300-\\u036f]+', '', 'g'), NFC)), '[^[:alnum:]]+', ' ', 'g')
       $$`,
      'alter table legislature_search_doc add column search_tsv tsvector',
      `create function legislature_search_doc_tsv() returns trigger language plpgsql as $$
       begin
         new.search_tsv :=
           setweight(to_tsvector('simple', legislature_search_fold(new.heading)), 'A') ||
           setweight(to_tsvector('simple', legislature_search_fold(new.code)), 'A') ||
           setweight(to_tsvector('simple', legislature_search_fold(new.body)), 'B');
         return new;
       end $$`,
      `create trigger legislature_search_doc_tsv before insert or update of heading, body, code on legislature_search_doc
         for each row execute function legislature_search_doc_tsv()`,
      'create index legislature_search_doc_tsv_idx on legislature_search_doc using gin (search_tsv)',
      'create table legislature_search_term (term text collate "C" primary key)',
      // Sorted, so two writers adding the same new terms take them in the same order.
      `create function legislature_search_doc_terms() returns trigger language plpgsql as $$
       begin
         insert into legislature_search_term (term)
           select distinct u.lexeme from added a, unnest(a.search_tsv) u order by 1
           on conflict do nothing;
         return null;
       end $$`,
      `create trigger legislature_search_doc_terms_insert after insert on legislature_search_doc
         referencing new table as added for each statement execute function legislature_search_doc_terms()`,
      `create trigger legislature_search_doc_terms_update after update on legislature_search_doc
         referencing new table as added for each statement execute function legislature_search_doc_terms()`,
      // Documents written before this migration.
      'update legislature_search_doc set heading = heading',
    ],
    down: [
      'drop trigger if exists legislature_search_doc_terms_update on legislature_search_doc',
      'drop trigger if exists legislature_search_doc_terms_insert on legislature_search_doc',
      'drop function if exists legislature_search_doc_terms()',
      'drop table if exists legislature_search_term',
      'drop trigger if exists legislature_search_doc_tsv on legislature_search_doc',
      'drop function if exists legislature_search_doc_tsv()',
      'alter table legislature_search_doc drop column if exists search_tsv',
      'drop function if exists legislature_search_fold(text)',
    ],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].up) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].down) await sql.raw(ddl).execute(db);
}
