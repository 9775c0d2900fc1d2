// The minutes of WORLD.md's sittings, kept as the clerk keeps them: the day-3 sitting's minutes
// drafted from the record the next morning and approved by the Council at its next sitting (the
// extraordinary sitting of day 15, as it opens); the extraordinary sitting's own minutes drafted
// after it adjourns, awaiting approval at a later sitting. Each step at its story time; a step
// already taken (minutes drafted or approved) is left alone, so loading again changes nothing.
import type { AppContext } from '../kernel/context.ts';
import { approveMinutes, draftMinutes, getMinutes } from '../modules/legislature/index.ts';
import { day } from './calendar.ts';

const at = (ctx: AppContext, iso: string): AppContext => ({ ...ctx, now: () => new Date(iso) });

export async function recordCouncilMinutes(ctx: AppContext, day3: string | null, orphans: string | null): Promise<void> {
  if (day3 && ctx.now().toISOString() >= `${day(4)}T05:00:00.000Z`) {
    let m = await getMinutes(ctx, day3);
    if (m.state === 'preview' && m.status === 'adjourned') m = await draftMinutes(at(ctx, `${day(4)}T05:00:00.000Z`), day3, {});
    const opensAt = `${day(15)}T06:00:00.000Z`;
    if (m.state === 'draft' && orphans && ctx.now().toISOString() >= opensAt) await approveMinutes(at(ctx, opensAt), day3, { sitting: orphans }, m.version!);
  }
  if (orphans && ctx.now().toISOString() >= `${day(15)}T11:00:00.000Z`) {
    const m = await getMinutes(ctx, orphans);
    if (m.state === 'preview' && m.status === 'adjourned') await draftMinutes(at(ctx, `${day(15)}T11:00:00.000Z`), orphans, {});
  }
}
