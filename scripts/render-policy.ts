// Writes docs/POLICY.md from the policy table in code: `npm run docs:policy`. A test fails when the two differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY_ROWS } from '../src/app.ts';
import { ROLES } from '../src/kernel/auth/policy.ts';

export function renderPolicy(): string {
  const head = `| action | ${ROLES.join(' | ')} | label-checked | what it is |`;
  const sep = `|---|${ROLES.map(() => ':-:').join('|')}|:-:|---|`;
  const rows = [...POLICY_ROWS].sort((a, b) => a.action.localeCompare(b.action)).map((r) =>
    `| \`${r.action}\` | ${ROLES.map((role) => (r.roles.includes(role) ? '✔' : '')).join(' | ')} | ${r.labelled ? 'yes' : ''} | ${r.description} |`);
  return [
    '# Policy: who may do what',
    '',
    'Generated from the policy table in code (`src/kernel/schema.ts` and each module\'s `index.ts`) by `npm run docs:policy`; a test fails when this page and the code disagree.',
    '`public` is anyone not logged in. The console operator (the `sandstone` command on the server) may do everything. A label-checked action also needs the clearance to dominate the record\'s label (see SECURITY.md).',
    '',
    head,
    sep,
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/POLICY.md');
  fs.writeFileSync(out, renderPolicy());
  console.log(`wrote ${out}`);
}
