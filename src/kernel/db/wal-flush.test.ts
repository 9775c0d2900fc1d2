// SQLite commits durably off the main thread: a write is acknowledged only once the WAL has been
// flushed (fdatasync), while the event loop stays free during that flush.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './create-db.ts';

describe('SQLite commits wait for their flush', () => {
  let dir: string;
  let database: Database;
  // Every fdatasync of a file handle, held until the test lets it go.
  const flushes: { release: () => void }[] = [];
  let original: (this: fs.promises.FileHandle) => Promise<void>;
  let proto: { datasync: (this: fs.promises.FileHandle) => Promise<void> };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-wal-'));
    database = openDatabase({ dbPath: path.join(dir, 'x.db') });
    await sql`create table t (n integer)`.execute(database.kysely);
    const h = await fs.promises.open(path.join(dir, 'x.db'), 'r');
    proto = Object.getPrototypeOf(h);
    await h.close();
    original = proto.datasync;
    proto.datasync = function (this: fs.promises.FileHandle) {
      return new Promise<void>((release) => flushes.push({ release: () => void original.call(this).then(release) }));
    };
  });
  afterAll(async () => {
    proto.datasync = original;
    for (const f of flushes) f.release();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const settled = async (p: Promise<unknown>) => {
    let done = false;
    void p.then(() => (done = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return done;
  };

  it('a transaction resolves only after the WAL flush that follows its commit', async () => {
    const before = flushes.length;
    const write = database.kysely.transaction().execute((trx) => trx.insertInto('t').values({ n: 1 }).execute());
    expect(await settled(write)).toBe(false);
    expect(flushes.length).toBe(before + 1);
    // Committed (others may read it), but not yet acknowledged.
    expect(database.committedReader!.prepare('select count(*) as n from t where n = 1').get()).toEqual({ n: 1 });
    flushes[before]!.release();
    await write;
  });

  it('a write outside a transaction waits for its flush too; a read does not flush', async () => {
    const before = flushes.length;
    const write = database.kysely.insertInto('t').values({ n: 2 }).execute();
    expect(await settled(write)).toBe(false);
    expect(flushes.length).toBe(before + 1);
    flushes[before]!.release();
    await write;
    await database.kysely.selectFrom('t').selectAll().execute();
    expect(flushes.length).toBe(before + 1);
  });

  it('commits made during a flush wait for the next one, which covers them all', async () => {
    const before = flushes.length;
    const first = database.kysely.insertInto('t').values({ n: 3 }).execute();
    await settled(first);
    expect(flushes.length).toBe(before + 1);
    // Kysely's connection is free during the flush: two more commits go through and wait.
    const second = database.kysely.insertInto('t').values({ n: 4 }).execute();
    const third = database.kysely.transaction().execute((trx) => trx.insertInto('t').values({ n: 5 }).execute());
    expect(await settled(second)).toBe(false);
    expect(await settled(third)).toBe(false);
    expect(database.committedReader!.prepare('select count(*) as n from t where n in (4, 5)').get()).toEqual({ n: 2 });
    expect(flushes.length).toBe(before + 1); // the second flush starts once the first is done
    flushes[before]!.release();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false); // the first flush began before the second commit
    expect(flushes.length).toBe(before + 2);
    flushes[before + 1]!.release();
    await Promise.all([second, third]);
    expect(flushes.length).toBe(before + 2);
  });
});
