// Account administration from the console: add and disable accounts.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';
import { createAccount, disableAccount } from '../../kernel/auth/accounts.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import { AppError } from '../../kernel/errors.ts';
import { getPerson } from '../registry/index.ts';

const collect = (v: string, acc: string[]) => [...acc, v];

export function securityCli(program: Command, host: CliHost) {
  const user = host.group('user', 'manage accounts');
  user
    .command('add')
    .description('add an account for a registry person; the password is read from standard input')
    .argument('<username>', 'lower-case login name')
    .requiredOption('--person <id>', 'the registry person the account belongs to')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--clearance <level>', `one of ${LEVELS.join(', ')}`)
    .option('--compartment <name>', 'a compartment the account is cleared for (repeat for more)', collect, [])
    .option('--password-stdin', 'read the password from standard input (required: passwords never go on the command line)')
    .option('--totp', 'require a one-time code at login; prints the secret to put in an authenticator')
    .action(async (username: string, opts, cmd: Command) => {
      if (!opts.passwordStdin) throw new AppError('CLI_PASSWORD_STDIN', 'bad_request', 'Give the password on standard input with --password-stdin (for example: read -s P; printf %s "$P" | sandstone user add …).');
      const password = host.standardInput().replace(/\r?\n$/, '');
      await host.withContext(cmd, async (ctx) => {
        const person = await getPerson(ctx, opts.person);
        const r = await createAccount(ctx, {
          username, personId: person.id, displayName: person.displayName, role: opts.role, clearance: opts.clearance,
          compartments: opts.compartment.map((c: string) => c.toUpperCase()), password, totp: !!opts.totp,
        });
        console.log(`Account ${r.account.username} added for ${person.displayName}: role ${r.account.role}, clearance ${r.account.clearance.level}${r.account.clearance.compartments.length ? ' / ' + r.account.clearance.compartments.join(', ') : ''}.`);
        if (r.totpSecret) console.log(`One-time codes: add this secret to an authenticator app now; it is not shown again.\n  secret ${r.totpSecret}\n  ${r.totpUri}`);
      });
    });
  user
    .command('disable')
    .description('disable an account and end its sessions at once')
    .argument('<username>')
    .action(async (username: string, _opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        await disableAccount(ctx, username);
        console.log(`Account ${username} is disabled; its sessions have ended.`);
      });
    });
}
