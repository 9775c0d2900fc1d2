// Approved minutes cannot be replaced either. SQLite's INSERT OR REPLACE (and REPLACE INTO) takes
// out the conflicting row without firing its DELETE triggers (recursive triggers are off), so the
// triggers of 20261201T190000 let it write new text over approved minutes: an INSERT naming the
// session of approved minutes is refused before it runs. PostgreSQL has no REPLACE, and its
// INSERT … ON CONFLICT DO UPDATE fires the UPDATE trigger already in place: nothing to add there.
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

const NO_REPLACE: Record<DialectName, { up: string[]; down: string[] }> = {
  postgres: { up: [], down: [] },
  sqlite: {
    up: [
      `create trigger legislature_minutes_approved_no_replace before insert on legislature_minutes
        when exists (select 1 from legislature_minutes where session_id = new.session_id and status = 'approved')
        begin select raise(abort, 'legislature_minutes: approved minutes are immutable: INSERT over them refused'); end`,
    ],
    down: ['drop trigger if exists legislature_minutes_approved_no_replace'],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of NO_REPLACE[dialectOf(db)].up) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const s of NO_REPLACE[dialectOf(db)].down) await sql.raw(s).execute(db);
}
