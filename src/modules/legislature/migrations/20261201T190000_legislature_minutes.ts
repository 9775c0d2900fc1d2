// Stored council minutes: one row per session, drafted by the clerk from the record, edited while
// a draft, then approved — and from then on the database itself refuses to change or delete the
// row (a trigger on each database), so no code path, present or future, can rewrite approved
// minutes. Labelled like their session.
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, labelledRecord, type DialectName } from '../../../kernel/db/dialect.ts';
import { unwatchTables, watchTables } from '../../../kernel/db/generations.ts';

const TABLES = ['legislature_minutes'] as const;

/** Triggers refusing UPDATE and DELETE of an approved row (a draft stays editable). */
const FREEZE: Record<DialectName, { up: string[]; down: string[] }> = {
  postgres: {
    up: [
      `create function legislature_minutes_frozen() returns trigger language plpgsql as $$
      begin raise exception 'legislature_minutes: approved minutes are immutable: % refused', tg_op; end $$`,
      `create trigger legislature_minutes_approved before update or delete on legislature_minutes
        for each row when (old.status = 'approved') execute function legislature_minutes_frozen()`,
      // TRUNCATE skips row triggers: refused whenever an approved row exists.
      `create function legislature_minutes_no_truncate() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from legislature_minutes where status = 'approved') then
          raise exception 'legislature_minutes: approved minutes are immutable: TRUNCATE refused';
        end if;
        return null;
      end $$`,
      `create trigger legislature_minutes_truncate before truncate on legislature_minutes for each statement execute function legislature_minutes_no_truncate()`,
    ],
    down: ['drop function if exists legislature_minutes_frozen() cascade', 'drop function if exists legislature_minutes_no_truncate() cascade'],
  },
  sqlite: {
    up: [
      `create trigger legislature_minutes_approved_no_update before update on legislature_minutes when old.status = 'approved'
        begin select raise(abort, 'legislature_minutes: approved minutes are immutable: UPDATE refused'); end`,
      `create trigger legislature_minutes_approved_no_delete before delete on legislature_minutes when old.status = 'approved'
        begin select raise(abort, 'legislature_minutes: approved minutes are immutable: DELETE refused'); end`,
    ],
    down: ['drop trigger if exists legislature_minutes_approved_no_update', 'drop trigger if exists legislature_minutes_approved_no_delete'],
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('legislature_minutes')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('legislature_session.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())                 // draft | approved
    .addColumn('generated_at', t.instant, (c) => c.notNull())        // drafted (or drafted again) from the record
    .addColumn('generated_by', 'text')
    .addColumn('edited_at', t.instant)
    .addColumn('edited_by', 'text')
    .addColumn('approved_at', t.instant)
    .addColumn('approved_by', 'text')                                // the clerk who recorded the Council's approval
    .addColumn('approved_in', 'text')                                // the session (id) at which the Council approved them, if named
    .$call(labelledRecord(t))
    .execute();
  for (const s of FREEZE[dialectOf(db)].up) await sql.raw(s).execute(db);
  await watchTables(db, 'legislature', TABLES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await unwatchTables(db, TABLES);
  for (const s of FREEZE[dialectOf(db)].down) await sql.raw(s).execute(db);
  await db.schema.dropTable('legislature_minutes').ifExists().execute();
}
