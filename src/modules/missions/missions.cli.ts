// `sandstone missions list|show|create|team|start|complete|fail|abort|injury`,
// `sandstone missions reports queue|turnaround`, `sandstone missions report open|edit|submit|review|accept|return|revise`:
// the console's way to do what the API does. `--as USER` acts as that account (its person, role
// and clearance), so the same rules hold; without it the console operator acts (it has no person,
// so it cannot write a report of its own). Errors go to stderr with a non-zero exit (the host's).
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findAccountByUsername } from '../../kernel/auth/accounts.ts';
import { createMission, createReport, editReport, recordInjury, setTeam, stepMission, stepReport } from './missions.service.ts';
import { getMission, getReport, listMissions, reportTurnaround, reviewQueue } from './missions.read.ts';
import { MISSION_STATUS_WORDS, MISSION_TRANSITIONS, type MissionTransition, type TeamRole } from './mission-lifecycle.ts';
import { REPORT_STATE_WORDS } from './report-lifecycle.ts';
import type { TMission, TReport } from './missions.schema.ts';

async function acting(ctx: AppContext, username: string | undefined): Promise<AppContext> {
  if (!username) return ctx;
  const a = await findAccountByUsername(ctx, username);
  if (!a || a.disabled) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', `--as: there is no active account "${username}" (see \`sandstone accounts list\`).`);
  return withActor(ctx, { kind: 'user', username: a.username, personId: a.personId, role: a.role as any, clearance: { level: a.clearance.level as any, compartments: a.clearance.compartments } });
}

/** A person as typed: an account's username (its person), or a registry person id. */
async function personOf(ctx: AppContext, typed: string): Promise<string> {
  const a = await findAccountByUsername(ctx, typed);
  return a ? a.personId : typed;
}

const name = (p: { name: string } | { withheld: true } | null) => (p === null ? '—' : 'withheld' in p ? '(withheld)' : p.name);
const collect = (v: string, all: string[]) => [...all, v];

function printMission(m: TMission) {
  console.log(`${m.code}  ${m.rank}-rank  ${MISSION_STATUS_WORDS[m.status]}  ${m.classification}${m.compartments.length ? ` (${m.compartments.join(', ')})` : ''}`);
  console.log(`  ${m.objective}`);
  console.log(`  client: ${m.client}; to ${m.villages.join(', ')}; planned ${m.plannedStart} to ${m.plannedEnd}; started ${m.startedOn ?? '—'}; ended ${m.endedOn ?? '—'}`);
  if (m.outcome) console.log(`  outcome: ${m.outcome}`);
  console.log(`  team: ${m.team.map((t) => `${name(t.person)} (${t.role})`).join(', ') || '—'}`);
  for (const i of m.injuries) console.log(`  injury ${i.on}: ${name(i.person)}: ${i.description}; ${i.leave} leave from ${i.leaveFrom}${i.leaveTo ? ` to ${i.leaveTo}` : ''}`);
  for (const r of m.reports) console.log(`  report ${r.id}: ${name(r.author)}, ${REPORT_STATE_WORDS[r.state]}, due ${r.due}${r.overdue ? ' OVERDUE' : ''}`);
}
const printReport = (r: TReport) => console.log(`${r.id}  ${r.mission.code}  by ${name(r.author)}  ${REPORT_STATE_WORDS[r.state]}  due ${r.due}${r.overdue ? ' OVERDUE' : ''}  version ${r.version}${r.comments ? `\n  comments: ${r.comments}` : ''}`);

export function missionsCli(program: Command, host: CliHost) {
  const missions = host.group('missions', 'missions, their teams and injuries, and after-action reports');
  const run = async (cmd: Command, asUser: string | undefined, fn: (ctx: AppContext) => Promise<unknown>, readOnly = false): Promise<void> => {
    await host.withContext(cmd, async (ctx) => fn(await acting(ctx, asUser)), { readOnly });
  };

  missions.command('list').description('missions, latest planned start first')
    .option('--status <s>', 'planned, under_way, completed, failed or aborted').option('--as <username>', 'act as this account').option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const list = await listMissions(ctx, { limit: 200, ...(opts.status ? { status: opts.status } : {}) });
      if (opts.json) return console.log(JSON.stringify(list, null, 2));
      if (!list.items.length) return console.log('No missions.');
      for (const m of list.items) console.log(`${m.code}  ${m.rank}  ${MISSION_STATUS_WORDS[m.status].padEnd(10)} ${m.plannedStart}  ${m.objective}`);
    }, true));

  missions.command('show <code>').description('a mission with its team, injuries and reports')
    .option('--as <username>', 'act as this account').option('--json', 'print the API answer as JSON')
    .action(async (code: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const m = await getMission(ctx, code);
      return opts.json ? console.log(JSON.stringify(m, null, 2)) : printMission(m);
    }, true));

  missions.command('create').description('plan a mission; its code is given')
    .requiredOption('--rank <r>', 'D, C, B, A or S').requiredOption('--objective <text>').requiredOption('--client <text>')
    .requiredOption('--village <code>', 'a village it goes to (repeatable)', collect, [])
    .requiredOption('--from <date>', 'planned start, YYYY-MM-DD').requiredOption('--to <date>', 'planned end, YYYY-MM-DD')
    .option('--member <who:role>', 'a team member: username or person id, then :leader, :member or :escort (repeatable)', collect, [])
    .option('--classification <level>', 'public, restricted, secret or top_secret', 'public').option('--compartments <list>', 'comma-separated, e.g. BREACH', '')
    .option('--as <username>', 'act as this account').option('--json', 'print the mission as JSON')
    .action(async (opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const team = await Promise.all((opts.member as string[]).map(async (m) => {
        const [who, role] = m.split(':');
        return { person: await personOf(ctx, who ?? ''), role: (role ?? 'member') as TeamRole };
      }));
      const m = await createMission(ctx, {
        rank: opts.rank, objective: opts.objective, client: opts.client, villages: opts.village, plannedStart: opts.from, plannedEnd: opts.to, team,
        classification: opts.classification, compartments: String(opts.compartments).split(',').map((c: string) => c.trim()).filter(Boolean),
      });
      return opts.json ? console.log(JSON.stringify(m, null, 2)) : console.log(`${m.code} planned`);
    }));

  missions.command('team <code>').description('replace the team of a planned mission')
    .option('--member <who:role>', 'username or person id, then :leader, :member or :escort (repeatable)', collect, []).option('--as <username>', 'act as this account')
    .action(async (code: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const team = await Promise.all((opts.member as string[]).map(async (m) => {
        const [who, role] = m.split(':');
        return { person: await personOf(ctx, who ?? ''), role: (role ?? 'member') as TeamRole };
      }));
      printMission(await setTeam(ctx, code, { team }));
    }));

  for (const t of MISSION_TRANSITIONS) {
    missions.command(`${t} <code>`).description(`${t} a mission`)
      .option('--on <date>', 'the day, YYYY-MM-DD (default today)').option('--note <text>', 'what happened').option('--as <username>', 'act as this account')
      .action(async (code: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
        const m = await stepMission(ctx, code, t as MissionTransition, { ...(opts.on ? { on: opts.on } : {}), ...(opts.note ? { note: opts.note } : {}) });
        console.log(`${m.code} ${MISSION_STATUS_WORDS[m.status]}`);
      }));
  }

  missions.command('injury <code>').description('record an injury to a team member: puts them on leave in the registry')
    .requiredOption('--person <who>', 'username or person id').requiredOption('--on <date>').requiredOption('--description <text>')
    .requiredOption('--leave <kind>', 'medical or administrative').requiredOption('--leave-from <date>').option('--leave-to <date>')
    .requiredOption('--reason <text>').option('--as <username>', 'act as this account')
    .action(async (code: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const m = await recordInjury(ctx, code, {
        person: await personOf(ctx, opts.person), on: opts.on, description: opts.description, leave: opts.leave, leaveFrom: opts.leaveFrom,
        ...(opts.leaveTo ? { leaveTo: opts.leaveTo } : {}), reason: opts.reason,
      });
      console.log(`${m.code}: injury recorded; ${m.injuries.length} in all`);
    }));

  const reports = missions.command('reports').description("the administration office's view of after-action reports");
  reports.command('queue').description('reports submitted or under review, waiting longest first, overdue flagged')
    .option('--as <username>', 'act as this account').option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const q = await reviewQueue(ctx);
      if (opts.json) return console.log(JSON.stringify(q, null, 2));
      console.log(`${q.total} waiting, ${q.overdue} overdue`);
      for (const r of q.items) console.log(`${r.id}  ${r.missionCode}  ${name(r.author)}  ${REPORT_STATE_WORDS[r.state].padEnd(12)} submitted ${r.submittedAt!.slice(0, 10)} (${r.waitingDays} d)  due ${r.due}${r.overdue ? ' OVERDUE' : ''}`);
    }, true));
  reports.command('turnaround').description('median and p90 days from mission end to acceptance, per month')
    .requiredOption('--from <month>', 'YYYY-MM').requiredOption('--to <month>', 'YYYY-MM').option('--as <username>', 'act as this account').option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const t = await reportTurnaround(ctx, { from: opts.from, to: opts.to });
      if (opts.json) return console.log(JSON.stringify(t, null, 2));
      for (const m of t.months) console.log(`${m.month}  ${String(m.count).padStart(3)} accepted  median ${m.median ?? '—'} d  p90 ${m.p90 ?? '—'} d`);
    }, true));

  const report = missions.command('report').description('one after-action report');
  report.command('show <id>').option('--as <username>', 'act as this account').option('--json', 'print the API answer as JSON')
    .action(async (id: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const r = await getReport(ctx, id);
      if (opts.json) return console.log(JSON.stringify(r, null, 2));
      printReport(r);
      console.log(r.body);
    }, true));
  report.command('open <code>').description('open a report on an ended mission: your own, or (the office) --author\'s')
    .option('--author <who>', 'username or person id').option('--due <date>').option('--body <text>', 'default: standard input when piped').option('--as <username>', 'act as this account')
    .action(async (code: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const body = opts.body ?? (process.stdin.isTTY ? '' : host.standardInput());
      printReport(await createReport(ctx, code, { body, ...(opts.author ? { author: await personOf(ctx, opts.author) } : {}), ...(opts.due ? { due: opts.due } : {}) }));
    }));
  report.command('edit <id>').description('rewrite your draft (--version: the version you read)')
    .requiredOption('--version <n>', 'the version you read (as If-Match)').option('--body <text>', 'default: standard input').option('--as <username>', 'act as this account')
    .action(async (id: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => {
      const body = opts.body ?? host.standardInput();
      if (!/^\d{1,9}$/.test(String(opts.version))) throw new AppError('CLI_BAD_VERSION', 'bad_request', `--version must be a whole number, not ${JSON.stringify(String(opts.version).slice(0, 20))}`);
      printReport(await editReport(ctx, id, { body }, Number(opts.version)));
    }));
  const steps = { submit: 'submit', review: 'begin_review', accept: 'accept', revise: 'revise' } as const;
  for (const [word, t] of Object.entries(steps)) {
    report.command(`${word} <id>`).description(`${word} a report`).option('--as <username>', 'act as this account')
      .action(async (id: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => printReport(await stepReport(ctx, id, t))));
  }
  report.command('return <id>').description('return a report under review with comments').requiredOption('--comments <text>').option('--as <username>', 'act as this account')
    .action(async (id: string, opts, cmd: Command) => run(cmd, opts.as, async (ctx) => printReport(await stepReport(ctx, id, 'return', { comments: opts.comments }))));
  void program;
}
