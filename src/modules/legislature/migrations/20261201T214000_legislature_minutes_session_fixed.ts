// A minutes row belongs to its session for good. On SQLite, `UPDATE OR REPLACE … SET session_id =`
// a session whose minutes are approved moved a draft onto that session and took the approved row
// out of its way without firing its DELETE trigger (recursive triggers are off): the approved text
// was gone. No UPDATE may change a row's session, on either database; an approved row's own
// triggers (20261201T190000, T211000) still refuse everything else.
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../../kernel/db/dialect.ts';

const FIXED: Record<DialectName, { up: string[]; down: string[] }> = {
  postgres: {
    up: [
      `create function legislature_minutes_session_fixed() returns trigger language plpgsql as $$
      begin raise exception 'legislature_minutes: the session of minutes never changes'; end $$`,
      `create trigger legislature_minutes_session_fixed before update on legislature_minutes
        for each row when (new.session_id is distinct from old.session_id) execute function legislature_minutes_session_fixed()`,
    ],
    down: ['drop function if exists legislature_minutes_session_fixed() cascade'],
  },
  sqlite: {
    up: [
      `create trigger legislature_minutes_session_fixed before update on legislature_minutes when new.session_id is not old.session_id
        begin select raise(abort, 'legislature_minutes: the session of minutes never changes'); end`,
    ],
    down: ['drop trigger if exists legislature_minutes_session_fixed'],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of FIXED[dialectOf(db)].up) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const s of FIXED[dialectOf(db)].down) await sql.raw(s).execute(db);
}
