// Test fixture: an operation row as the operations service stores it, for the team and track tests.
// (Tests of teams need an operation, not the whole opening: the subject's registry status, the
// prior. Those are the operations service's and its tests'.)
import type { AppContext } from '../../kernel/context.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';

export async function openTestOperation(ctx: AppContext, o: {
  subject: string; code: string; status?: 'active' | 'found' | 'called_off'; classification?: string; compartments?: string[];
  lkpAt?: string; area?: { minX: number; minY: number; maxX: number; maxY: number; cellKm: number };
}): Promise<{ id: string; code: string }> {
  const id = newId();
  const at = '2026-11-22T10:00:00.000Z';
  const area = o.area ?? { minX: -80, minY: -40, maxX: 20, maxY: 40, cellKm: 0.5 };
  await ctx.db.insertInto('sar_operation').values({
    id, code: o.code, title: `Test operation ${o.code}`, subject_id: o.subject, status: o.status ?? 'active',
    lkp_x: 0, lkp_y: 0, lkp_at: o.lkpAt ?? at, lkp_note: null, profile: 'shinobiOnFoot', direction: null,
    area_min_x: area.minX, area_min_y: area.minY, area_max_x: area.maxX, area_max_y: area.maxY, cell_km: area.cellKm, moving_kmh: null,
    opened_at: at, closed_at: o.status && o.status !== 'active' ? '2026-11-23T00:00:00.000Z' : null, found_x: null, found_y: null, close_note: null, created_by: 'test',
    classification: o.classification ?? 'public', compartments: toJson(o.compartments ?? []), version: 1, created_at: at, updated_at: at,
  }).execute();
  return { id, code: o.code };
}
