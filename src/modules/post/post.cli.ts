// `sandstone post send` (or `--draft` to save it unsent), `sandstone post drafts USER`,
// `sandstone post inbox USER`, `sandstone post aviary`: the console's way to
// do what the web does, acting as the account named (its person, role and clearance), so the same
// rules hold: a recipient must be cleared, a letter is read only by its reader.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findAccountByUsername } from '../../kernel/auth/accounts.ts';
import { sendMessage } from './post.service.ts';
import { listDrafts, saveDraft } from './post.drafts.ts';
import { aviary, pigeonHole } from './post.read.ts';
import { ZDraftsQuery } from './post.schema.ts';
import { parseInput } from '../../kernel/validation.ts';
import { PRECEDENCES, PRECEDENCE_WORDS, type Precedence } from './precedence.ts';

/** The context of an account: acting as its person, with its role and clearance. */
async function asAccount(ctx: AppContext, username: string, option: string): Promise<AppContext> {
  const a = await findAccountByUsername(ctx, username);
  if (!a || a.disabled) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', `${option}: there is no active account "${username}" (see \`sandstone accounts list\`).`);
  return withActor(ctx, { kind: 'user', username: a.username, personId: a.personId, role: a.role as any, clearance: { level: a.clearance.level as any, compartments: a.clearance.compartments } });
}

/** A recipient as typed: an account's username (its person), or a registry person id; "@konoha" where they receive it. */
async function recipient(ctx: AppContext, typed: string) {
  const [who, at] = typed.split('@') as [string, string | undefined];
  const a = await findAccountByUsername(ctx, who);
  return { person: a ? a.personId : who, ...(at ? { at } : {}) };
}

const collect = (v: string, all: string[]) => [...all, v];
const time = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '—');

export function postCli(program: Command, host: CliHost) {
  const post = host.group('post', 'hawk post: send a message, read a pigeon hole, see the aviary');
  post
    .command('send')
    .description('send a message by hawk as an account; the body from --body or standard input')
    .requiredOption('--from <username>', 'the account that sends it')
    .option('--to <who>', 'a recipient: an account username or a person id, with @village where they receive it (repeatable)', collect, [])
    .option('--village <code>', "another village's aviary (repeatable)", collect, [])
    .option('--office <code>', 'an office (a registry organization, id or code): one copy, read by its members cleared for it (repeatable)', collect, [])
    .option('--as-office <code>', 'send in the name of an office the account\'s person is a current member of')
    .requiredOption('--subject <text>', 'the subject')
    .option('--body <text>', 'the message (default: standard input)')
    .option('--precedence <p>', `${PRECEDENCES.join(', ')} (default routine)`, 'routine')
    .option('--action', 'action requested')
    .option('--classification <level>', 'public, restricted, secret or top_secret', 'public')
    .option('--compartments <list>', 'comma-separated, e.g. ANBU', '')
    .option('--draft', 'save it as a draft of the account, unsent (recipients may be left out)')
    .option('--json', 'print the message as JSON')
    .action(async (opts, cmd: Command) => {
      if (!PRECEDENCES.includes(opts.precedence)) {
        console.error(`error: --precedence must be one of ${PRECEDENCES.join(', ')}, not ${JSON.stringify(String(opts.precedence).slice(0, 40))}`);
        process.exitCode = 1;
        return;
      }
      const body = opts.body ?? (process.stdin.isTTY ? '' : host.standardInput());
      await host.withContext(cmd, async (ctx) => {
        const as = await asAccount(ctx, opts.from, '--from');
        const to = [...await Promise.all((opts.to as string[]).map((t) => recipient(ctx, t))), ...(opts.village as string[]).map((v) => ({ village: v })), ...(opts.office as string[]).map((o) => ({ office: o }))];
        const message = {
          to, ...(opts.asOffice ? { from: { office: String(opts.asOffice) } } : {}), subject: opts.subject, body, precedence: opts.precedence as Precedence, actionRequested: !!opts.action,
          classification: opts.classification, compartments: String(opts.compartments).split(',').map((c: string) => c.trim()).filter(Boolean),
        };
        if (opts.draft) {
          const d = await saveDraft(as, message);
          return console.log(opts.json ? JSON.stringify(d, null, 2) : `Draft ${d.id} saved for ${opts.from}, to ${d.to.length} recipient(s); not sent`);
        }
        const m = await sendMessage(as, message);
        if (opts.json) return console.log(JSON.stringify(m, null, 2));
        console.log(`${m.code} accepted ${time(m.acceptedAt)}, ${PRECEDENCE_WORDS[m.precedence]}, to ${m.deliveries.length} recipient(s); due by ${m.deliveries.map((d) => time(d.dueAt)).join(', ')}`);
        // The console writes the letter and leaves; the aviary's runs are a server's (its job runner).
        const waiting = m.deliveries.filter((d) => d.state === 'queued').length;
        if (waiting) console.log(`${waiting} waiting for the aviary: a running server (npm start) sends it; it is in the pigeon hole once delivered.`);
      });
    });
  post
    .command('drafts <username>')
    .description("an account's drafts, last changed first (only that account sees them)")
    .option('--limit <n>', 'how many (1-200)', '200')
    .option('--offset <n>', 'skip this many first', '0')
    .option('--json', 'print the API answer as JSON')
    .action(async (username: string, opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const list = await listDrafts(await asAccount(ctx, username, 'USER'), parseInput(ZDraftsQuery, { limit: opts.limit, offset: opts.offset }));
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (!list.items.length) return console.log(list.total ? `No drafts past the first ${list.total}.` : 'No drafts.');
        for (const d of list.items) console.log(`${d.id}  ${time(d.updatedAt)}  ${PRECEDENCE_WORDS[d.precedence].padEnd(9)} to ${d.to.length}: ${d.subject}`);
        if (list.items.length < list.total) console.log(`(${list.items.length} of ${list.total} drafts: see the others with --offset)`);
      }, { readOnly: true });
    });
  post
    .command('inbox <username>')
    .description("an account's pigeon hole: most urgent first, then newest, with unread counts")
    .option('--unread', 'only messages not yet read')
    .option('--json', 'print the API answer as JSON')
    .action(async (username: string, opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const hole = await pigeonHole(await asAccount(ctx, username, 'USER'), { state: opts.unread ? 'unread' : 'all', limit: 200, offset: 0 });
        if (opts.json) return console.log(JSON.stringify(hole, null, 2));
        console.log(`Unread: ${PRECEDENCES.map((p) => `${hole.unread[p]} ${PRECEDENCE_WORDS[p]}`).join(', ')}`);
        if (!hole.items.length) return console.log('Nothing in the pigeon hole.');
        for (const m of hole.items) {
          const writer = m.sender === null ? 'the aviary' : 'withheld' in m.sender ? '(withheld)' : m.sender.name;
          const officeName = (o: { name: string } | { withheld: true }) => ('withheld' in o ? '(an office withheld)' : o.name);
          const from = m.fromOffice ? `${officeName(m.fromOffice)} (by ${writer})` : writer;
          const to = 'office' in m.delivery.recipient && m.delivery.recipient.office ? ` to ${officeName(m.delivery.recipient.office)}` : '';
          console.log(`${PRECEDENCE_WORDS[m.precedence].padEnd(9)} ${m.code}  ${m.delivery.state === 'delivered' ? 'UNREAD' : m.delivery.state.padEnd(6)}  ${time(m.delivery.deliveredAt)}  from ${from}${to}: ${m.subject}`);
        }
      }, { readOnly: true });
    });
  post
    .command('aviary')
    .description('the aviary board: waiting in the order they fly, in flight with ETAs, landed in the last day')
    .option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const b = await aviary(ctx);
        if (opts.json) return console.log(JSON.stringify(b, null, 2));
        const line = (h: (typeof b.waiting)[number], when: string) => `  ${PRECEDENCE_WORDS[h.precedence as Precedence].padEnd(9)} ${h.code}  ${h.fromVillage} → ${h.toVillage}  ${when}`;
        console.log(`Waiting (${b.waiting.length})`); for (const h of b.waiting) console.log(line(h, `due ${time(h.dueAt)}`));
        console.log(`In flight (${b.inFlight.length})`); for (const h of b.inFlight) console.log(line(h, `lands ${time(h.eta)}`));
        console.log(`Landed in the last day (${b.arrived.length})`); for (const h of b.arrived) console.log(line(h, `landed ${time(h.deliveredAt)}`));
      }, { readOnly: true });
    });
}
