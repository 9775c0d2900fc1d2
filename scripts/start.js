// `npm start`: serves Sandstone on the embedded database, loading the demo world on first start
// (`serve` builds the web app first when it is missing or older than its sources). Extra
// arguments go to `serve`.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const child = spawn(process.execPath, [path.join(root, 'bin/sandstone.js'), 'serve', '--load-demo-if-empty', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
