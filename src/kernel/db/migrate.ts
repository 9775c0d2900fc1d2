// Merges every module's migrations into one global order and applies them.
import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { SandstoneModule } from '../module.ts';

const NAME = /^\d{8}T\d{6}_[a-z]+_[a-z0-9_]+$/;

export function collectMigrations(modules: readonly SandstoneModule[]): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations)) {
      if (!NAME.test(name)) throw new Error(`Migration "${name}" of module ${m.name} is not named <yyyymmddThhmmss>_<module>_<what>`);
      if (!name.split('_')[1]!.startsWith(m.name.replace(/[^a-z]/g, ''))) {
        throw new Error(`Migration "${name}" is in module ${m.name} but names another module`);
      }
      if (all[name]) throw new Error(`Two migrations are named "${name}"`);
      all[name] = migration;
    }
  }
  return all;
}

export async function migrateToLatest(db: Kysely<any>, modules: readonly SandstoneModule[]): Promise<MigrationResult[]> {
  const migrations = collectMigrations(modules);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kernel_migration',
    migrationLockTableName: 'kernel_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results ?? [];
}
