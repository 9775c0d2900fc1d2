// `sandstone desk items USER` and `sandstone desk delegate --to USER --from … --until …`: the
// console's way to do what the web does, acting as the account named (its person, role and
// clearance), so the same rules hold: an acting official's desk shows what the delegation gives
// them and only what they are cleared for; a delegation is bounded by section 3-104.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findAccountByUsername } from '../../kernel/auth/accounts.ts';
import { grantDelegation } from './desk.service.ts';
import { listItems } from './desk.read.ts';

/** The context of an account: acting as its person, with its role and clearance. */
async function asAccount(ctx: AppContext, username: string, option: string): Promise<AppContext> {
  const a = await findAccountByUsername(ctx, username);
  if (!a || a.disabled) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', `${option}: there is no active account "${username}" (see \`sandstone accounts list\`).`);
  return withActor(ctx, { kind: 'user', username: a.username, personId: a.personId, role: a.role as any, clearance: { level: a.clearance.level as any, compartments: a.clearance.compartments } });
}

/** The Kazekage's account: the grantor when none is named. */
async function kazekageAccount(ctx: AppContext): Promise<string> {
  const a = await ctx.db.selectFrom('kernel_account').select('username').where('role', '=', 'kazekage').where('disabled_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  if (!a) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', '--as: there is no Kazekage account; name the grantor with --as USER.');
  return a.username;
}

const time = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '—');
const late = (s: number) => (s >= 86_400 ? `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h` : s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min` : `${Math.floor(s / 60)} min`);
const named = (p: { withheld: true } | { name: string } | null) => (p === null ? '—' : 'withheld' in p ? '(withheld)' : p.name);

export function deskCli(program: Command, host: CliHost) {
  const desk = host.group('desk', "the desk: items awaiting an official's decision, delegation of authority");
  desk
    .command('items <username>')
    .description("an account's desk: items awaiting its decision, and those it may decide acting for another, most overdue first")
    .option('--all', 'decided items too')
    .option('--json', 'print the API answer as JSON')
    .action(async (username: string, opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const d = await listItems(await asAccount(ctx, username, 'USER'), { state: opts.all ? 'all' : 'pending' });
        if (opts.json) return console.log(JSON.stringify(d, null, 2));
        if (!d.items.length) console.log('Nothing on the desk.');
        for (const i of d.items) {
          const flags = [i.overdue ? `OVERDUE by ${late(i.lateBySeconds!)}` : `due ${time(i.suspense)}`, ...(i.actingFor ? [`acting for ${named(i.actingFor.person)}`] : []), ...(i.mayDecide ? [] : [`may not decide: ${i.whyNot}`])];
          console.log(`${i.priority.toUpperCase().padEnd(6)} ${i.state.padEnd(9)} ${i.kind}  ${i.title}  (${flags.join('; ')})  ${i.id}`);
        }
        if (d.withheld) console.log(`Withheld (${d.withheld}): items above this account's clearance.`);
      }, { readOnly: true });
    });
  desk
    .command('delegate')
    .description("delegate an official's authority over their desk to an acting official, for a period")
    .requiredOption('--to <username>', 'the acting official (an account username)')
    .requiredOption('--from <instant>', 'when it starts, e.g. 2026-12-06T06:00:00+03:00')
    .requiredOption('--until <instant>', 'when it ends (the first instant it no longer has effect)')
    .option('--scope <kinds>', 'comma-separated kinds of desk item, e.g. legislature.bill.sign (default: every kind)', '')
    .option('--as <username>', "the grantor's account (default: the Kazekage's)")
    .option('--json', 'print the delegation as JSON')
    .action(async (opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const grantor = await asAccount(ctx, opts.as ?? await kazekageAccount(ctx), '--as');
        const to = await findAccountByUsername(ctx, opts.to);
        if (!to || to.disabled || !to.personId) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', `--to: there is no active account "${opts.to}" linked to a person.`);
        const d = await grantDelegation(grantor, { delegate: to.personId, from: opts.from, to: opts.until, scope: String(opts.scope).split(',').map((s: string) => s.trim()).filter(Boolean) });
        if (opts.json) return console.log(JSON.stringify(d, null, 2));
        console.log(`${d.id}: ${named(d.delegate)} acts for ${named(d.grantor)} from ${time(d.from)} until ${time(d.to)}, ${d.scope.length ? d.scope.join(', ') : 'every kind of item'} (at most ${d.maxDays.days} days: ${d.maxDays.basis})`);
      });
    });
}
