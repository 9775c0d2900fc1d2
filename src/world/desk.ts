// The demo world's desk (WORLD.md days 6–9): while the Kazekage is in the desert, his brother
// Kankuro stands in for him. The designation runs from the morning of day 6, when he walked out,
// to the night he came back to his office (day 9, village midnight), within the thirty days of
// section 3-104(5). Recorded as the Kazekage's own act at its instant of the story.
import type { AppContext } from '../kernel/context.ts';
import { grantDelegation } from '../modules/desk/index.ts';
import { day } from './calendar.ts';
import type { PersonIds } from './kazekage-search.ts';

export const ACTING_FROM = `${day(6)}T05:00:00.000Z`;
export const ACTING_TO = `${day(9)}T21:00:00.000Z`;

export async function loadDesk(ctx: AppContext, person: PersonIds): Promise<{ created: number }> {
  const gaara = person('gaara');
  const kankuro = person('kankuro');
  const held = await ctx.db.selectFrom('desk_delegation').select('id').where('grantor_id', '=', gaara).where('delegate_id', '=', kankuro).executeTakeFirst();
  if (held) return { created: 0 };
  // Granted a minute before it runs, as he left.
  const granted = new Date(Date.parse(ACTING_FROM) - 60_000);
  const kazekage: AppContext = {
    ...ctx, now: () => granted,
    actor: { kind: 'user', role: 'kazekage', username: 'gaara', personId: gaara, clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } },
  };
  await grantDelegation(kazekage, { delegate: kankuro, from: ACTING_FROM, to: ACTING_TO, scope: [] });
  return { created: 1 };
}
