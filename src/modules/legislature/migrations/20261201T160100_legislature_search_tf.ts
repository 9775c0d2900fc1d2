// PostgreSQL: each search document's weighted count of every word (heading and code 4, body 1, as
// bm25 weighs them), kept beside its tsvector. Ranking a single word then reads one number per
// matching document instead of unnesting its tsvector's positions (legislature_search_tf, which
// phrases and prefixes still need): a common word on a large corpus took seconds that way.
// SQLite needs nothing: FTS5 has bm25 built in.
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

const DDL: Record<DialectName, { up: string[]; down: string[] }> = {
  sqlite: { up: [], down: [] },
  postgres: {
    up: [
      'alter table legislature_search_doc add column search_tf jsonb not null default \'{}\'::jsonb',
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
         new.search_tf := coalesce((
           select jsonb_object_agg(u.lexeme, (select sum(case w when 'A' then 4 else 1 end) from unnest(u.weights) w))
           from unnest(new.search_tsv) u), '{}'::jsonb);
         return new;
       end $$`,
      // Documents written before this migration.
      'update legislature_search_doc set heading = heading',
    ],
    down: [
      'alter table legislature_search_doc drop column if exists search_tf',
    ],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].up) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const ddl of DDL[dialectOf(db)].down) await sql.raw(ddl).execute(db);
}
