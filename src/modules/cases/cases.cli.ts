// `sandstone cases list|show|open|transition`, `sandstone cases evidence list|add|transfer|receive|decline|withdraw`,
// `sandstone cases requests list|show|draft|step`, `sandstone custody report ITEM`: the console's
// way to do what the API does. With --as USERNAME a command acts as that account (its person, role
// and clearance), so the same rules hold; without it, as the console operator.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { withActor, type AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findAccountByUsername } from '../../kernel/auth/accounts.ts';
import { isWithheld } from '../../kernel/references.ts';
import * as read from './cases.read.ts';
import * as service from './cases.service.ts';
import { CASE_KIND_WORDS, CASE_STATE_WORDS, type CaseKind, type CaseState } from './case-lifecycle.ts';
import { REQUEST_STATE_WORDS, type RequestState } from './request-lifecycle.ts';
import { DISPOSITIONS, DISPOSITION_WORDS, type Disposition } from './custody.ts';

async function as(ctx: AppContext, username: string | undefined): Promise<AppContext> {
  if (!username) return ctx;
  const a = await findAccountByUsername(ctx, username);
  if (!a || a.disabled) throw new AppError('CLI_NO_SUCH_ACCOUNT', 'not_found', `--as: there is no active account "${username}" (see \`sandstone accounts list\`).`);
  return withActor(ctx, { kind: 'user', username: a.username, personId: a.personId, role: a.role as any, clearance: { level: a.clearance.level as any, compartments: a.clearance.compartments } });
}
const compartments = (v: string) => String(v ?? '').split(',').map((c) => c.trim()).filter(Boolean);
const who = (p: unknown) => (p === null || p === undefined ? '—' : isWithheld(p) ? '(withheld)' : (p as { name: string }).name);
const AS = ['--as <username>', 'act as this account (default: the console operator)'] as const;

export function casesCli(program: Command, host: CliHost) {
  const cases = host.group('cases', 'cases: inquests, investigations, trials; evidence and custody; inter-village requests');
  cases.command('list').description('cases you are cleared for, newest first')
    .option(...AS).option('--kind <kind>', 'inquest, investigation, trial or inter_village_request').option('--state <state>', 'intake, open, investigating, pending_review, closed, reopened').option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const list = await read.listCases(await as(ctx, opts.as), { ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.state ? { state: opts.state } : {}), limit: 500 });
      if (opts.json) return console.log(JSON.stringify(list, null, 2));
      if (!list.items.length) return console.log('No cases.');
      for (const c of list.items) console.log(`${c.code.padEnd(13)} ${CASE_STATE_WORDS[c.state as CaseState].padEnd(20)} ${c.title}`);
      console.log(`${list.total} case(s)`);
    }, { readOnly: true }));
  cases.command('show <code>').description('a case page: parties, timeline, entries, evidence')
    .option(...AS).option('--json', 'print the API answer as JSON')
    .action(async (code: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const c = await read.getCase(await as(ctx, opts.as), code);
      if (opts.json) return console.log(JSON.stringify(c, null, 2));
      console.log(`${c.code} — ${c.title}`);
      console.log(`${CASE_KIND_WORDS[c.kind as CaseKind]}, ${CASE_STATE_WORDS[c.state as CaseState]}${c.resolution ? ` (${c.resolution})` : ''}; ${c.classification}${c.compartments.length ? ` / ${c.compartments.join(', ')}` : ''}`);
      if (c.parties.length) console.log(`Parties: ${c.parties.map((p) => `${who(p.person)} (${p.role})`).join('; ')}`);
      for (const s of c.timeline) console.log(`  ${s.at.slice(0, 16)}Z  ${s.from} → ${s.to}${s.resolution ? ` (${s.resolution})` : ''}${s.reason ? `: ${s.reason}` : ''}`);
      for (const e of c.entries) console.log(`  ${e.on} ${e.kind}${e.by ? ` by ${who(e.by)}` : ''}: ${e.text}`);
      for (const t of c.tasks) console.log(`  task [${t.state === 'done' ? 'x' : ' '}] ${t.title}`);
      for (const e of c.evidence) console.log(`  ${e.code}  ${e.description}; with ${who(e.custodian)} after ${e.transfers} transfer(s)${e.disposition ? `; ${e.disposition}` : ''}`);
      const more = c.evidenceTotal - c.evidence.length;
      if (more > 0) console.log(`  … and ${more} more item(s): \`sandstone cases evidence list ${c.code} --offset ${c.evidence.length}\``);
    }, { readOnly: true }));
  cases.command('open').description('open a case at intake')
    .option(...AS).requiredOption('--kind <kind>', 'inquest, investigation, trial or inter_village_request').requiredOption('--title <text>', 'the title')
    .option('--summary <text>', 'what it is about', '').option('--classification <level>', 'public, restricted, secret or top_secret', 'public').option('--compartments <list>', 'comma-separated, e.g. BREACH', '')
    .action(async (opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const c = await service.openCase(await as(ctx, opts.as), { kind: opts.kind, title: opts.title, summary: opts.summary, classification: opts.classification, compartments: compartments(opts.compartments) });
      console.log(`${c.code} opened: ${c.title}`);
    }));
  cases.command('transition <code> <transition>').description('open, investigate, submit_for_review, return_to_investigation, close or reopen a case')
    .option(...AS).option('--resolution <r>', 'closing: the resolution').option('--reason <text>', 'reopening: why')
    .action(async (code: string, transition: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const c = await service.transitionCase(await as(ctx, opts.as), code, { transition: transition as any, ...(opts.resolution ? { resolution: opts.resolution } : {}), ...(opts.reason ? { reason: opts.reason } : {}) });
      console.log(`${c.code} is now ${CASE_STATE_WORDS[c.state as CaseState]}`);
    }));

  const evidence = cases.command('evidence').description('items of evidence and their custody');
  evidence.command('list <case>').description('a page of a case\'s evidence, in the order it was added')
    .option(...AS).option('--limit <n>', 'how many, 1 to 200', '50').option('--offset <n>', 'how many to skip', '0').option('--json', 'print the API answer as JSON')
    .action(async (code: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const page = await read.listCaseEvidence(await as(ctx, opts.as), code, { limit: opts.limit, offset: opts.offset });
      if (opts.json) return console.log(JSON.stringify(page, null, 2));
      for (const e of page.items) console.log(`${e.code}  ${e.description}; with ${who(e.custodian)} after ${e.transfers} transfer(s)${e.disposition ? `; ${e.disposition}` : ''}`);
      const first = Number(opts.offset);
      console.log(page.items.length ? `items ${first + 1}–${first + page.items.length} of ${page.total}` : `no items from ${first + 1} on; the case has ${page.total}`);
    }, { readOnly: true }));
  evidence.command('add <case>').description('add an item: its collector is its first custodian')
    .option(...AS).requiredOption('--description <text>', 'what it is').requiredOption('--collected-by <person>', 'a registry person id').requiredOption('--collected-at <instant>', 'ISO-8601 instant')
    .requiredOption('--where <text>', 'where it was collected').requiredOption('--condition <text>', 'its condition when collected').option('--quantity <n>', 'how many', '1')
    .option('--seal <number>', 'seal number').option('--sha256 <hex>', 'for a digital item').option('--storage <text>', 'storage location')
    .action(async (code: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const e = await service.addEvidence(await as(ctx, opts.as), code, {
        description: opts.description, collectedBy: opts.collectedBy, collectedAt: opts.collectedAt, collectedWhere: opts.where, condition: opts.condition, quantity: Number(opts.quantity),
        ...(opts.seal ? { sealNumber: opts.seal } : {}), ...(opts.sha256 ? { sha256: opts.sha256 } : {}), ...(opts.storage ? { storageLocation: opts.storage } : {}),
      });
      console.log(`${e.code} added, with ${who(e.custodian)}`);
    }));
  evidence.command('transfer <item>').description('release an item: with --as, in that account\'s own name, and the receiver confirms (evidence receive); the console records a hand-over signed by both on paper')
    .option(...AS).option('--from <person>', 'the console only: the releaser, who must hold it (default: the current custodian); an account (--as) releases in its own name').requiredOption('--to <person>', 'the receiver (a registry person id)')
    .requiredOption('--at <instant>', 'when').requiredOption('--purpose <text>', 'why').requiredOption('--condition <text>', 'its condition as handed over')
    .option('--seal-broken', 'the seal was found broken').option('--unconfirmed', 'the console only: the receiver has not signed yet, so the release waits for their confirmation').option('--sha256 <hex>', "a digital item's SHA-256 computed at the hand-over")
    .action(async (item: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const e = await service.transferEvidence(await as(ctx, opts.as), item, {
        ...(opts.from ? { releasedBy: opts.from } : {}), receivedBy: opts.to, at: opts.at, purpose: opts.purpose, condition: opts.condition,
        sealIntact: !opts.sealBroken, receiverConfirmed: !opts.as && !opts.unconfirmed, ...(opts.sha256 ? { sha256: opts.sha256 } : {}),
      });
      console.log(e.handover ? `${e.code} is released to ${who(e.handover.receivedBy)} and stays with ${who(e.custodian)} until they confirm its receipt` : `${e.code} is now with ${who(e.custodian)} (${e.transfers} transfer(s))`);
    }));
  evidence.command('receive <item>').description('confirm the receipt of an item released to you (--as), as you found it; the console records a receipt signed on paper')
    .option(...AS).requiredOption('--condition <text>', 'as you found it').option('--seal-broken', 'the seal was found broken').option('--sha256 <hex>', "a digital item's SHA-256 computed now")
    .option('--at <instant>', 'when it was received (default: now)')
    .action(async (item: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const e = await service.confirmReceipt(await as(ctx, opts.as), item, { condition: opts.condition, sealIntact: !opts.sealBroken, ...(opts.at ? { at: opts.at } : {}), ...(opts.sha256 ? { sha256: opts.sha256 } : {}) });
      console.log(`${e.code} is now with ${who(e.custodian)} (${e.transfers} transfer(s))`);
    }));
  for (const [name, how, words] of [['decline', 'declined', 'decline an item released to you: it stays with its holder'], ['withdraw', 'withdrawn', 'withdraw your release of an item before it is received']] as const) {
    evidence.command(`${name} <item>`).description(words).option(...AS).requiredOption('--reason <text>', 'why')
      .action(async (item: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
        const e = await service.endHandover(await as(ctx, opts.as), item, how, { reason: opts.reason });
        console.log(`the release of ${e.code} is ${how}; it stays with ${who(e.custodian)}`);
      }));
  }

  evidence.command('dispose <item> <disposition>').description(`record what became of an item: ${DISPOSITIONS.join(', ')}; destroyed, returned or handed to another village only by its holder`)
    .option(...AS)
    .action(async (item: string, disposition: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const e = await service.setDisposition(await as(ctx, opts.as), item, { disposition });
      console.log(`${e.code}: ${DISPOSITION_WORDS[e.disposition as Disposition] ?? e.disposition}`);
    }));

  const requests = cases.command('requests').description('inter-village requests: extradition, prisoner transfer');
  requests.command('list').description('requests you are cleared for').option(...AS).option('--json', 'print the API answer as JSON')
    .action(async (opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const list = await read.listRequests(await as(ctx, opts.as), { limit: 500 });
      if (opts.json) return console.log(JSON.stringify(list, null, 2));
      if (!list.items.length) return console.log('No requests.');
      for (const r of list.items) console.log(`${r.code}  ${r.kind.padEnd(17)} ${REQUEST_STATE_WORDS[r.state as RequestState].padEnd(28)} ${isWithheld(r.requestingVillage) ? '?' : r.requestingVillage.code} → ${isWithheld(r.requestedVillage) ? '?' : r.requestedVillage.code}`);
    }, { readOnly: true }));
  requests.command('show <code>').description('a request with its steps and notices').option(...AS).option('--json', 'print the API answer as JSON')
    .action(async (code: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const r = await read.getRequest(await as(ctx, opts.as), code);
      if (opts.json) return console.log(JSON.stringify(r, null, 2));
      console.log(`${r.code} — ${r.kind}, ${REQUEST_STATE_WORDS[r.state as RequestState]}; persons sought: ${r.persons.map(who).join(', ')}`);
      console.log(`Basis: ${r.basis}`);
      for (const s of r.steps) console.log(`  ${s.at.slice(0, 16)}Z  ${s.from} → ${s.to}; notice (${s.noticeVia}): ${s.notice}${s.noticeNote ? ` [${s.noticeNote}]` : ''}`);
    }, { readOnly: true }));
  requests.command('draft').description('draft an inter-village request')
    .option(...AS).requiredOption('--kind <kind>', 'extradition or prisoner_transfer').requiredOption('--from <village>', 'the requesting village (code)').requiredOption('--to <village>', 'the requested village (code)')
    .requiredOption('--person <id>', 'a person sought (repeatable)', (v: string, all: string[]) => [...all, v], []).requiredOption('--basis <text>', 'the grounds of the request')
    .option('--classification <level>', 'public, restricted, secret or top_secret', 'public').option('--compartments <list>', 'comma-separated', '')
    .action(async (opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const r = await service.draftRequest(await as(ctx, opts.as), { kind: opts.kind, requestingVillage: opts.from, requestedVillage: opts.to, persons: opts.person, basis: opts.basis, classification: opts.classification, compartments: compartments(opts.compartments) });
      console.log(`${r.code} drafted: ${r.kind}, ${REQUEST_STATE_WORDS[r.state as RequestState]}`);
    }));
  requests.command('step <code> <transition>').description('transmit, acknowledge, begin_legal_review, approve, deny, arrange_surrender or complete')
    .option(...AS).option('--grounds <list>', 'denying: comma-separated grounds', '')
    .action(async (code: string, transition: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      const grounds = compartments(opts.grounds);
      const r = await service.stepRequest(await as(ctx, opts.as), code, { transition: transition as any, ...(grounds.length ? { grounds } : {}) });
      console.log(`${r.code} is now ${REQUEST_STATE_WORDS[r.state as RequestState]}`);
    }));

  const custody = host.group('custody', 'chains of custody of evidence');
  custody.command('report <item>').description('the printable chain-of-custody report of an item (id or code, e.g. INQ-2026-003/E-01)').option(...AS)
    .action(async (item: string, opts, cmd: Command) => host.withContext(cmd, async (ctx) => {
      process.stdout.write(await read.getCustodyReport(await as(ctx, opts.as), item));
    }, { readOnly: true }));
}
