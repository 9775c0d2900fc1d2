#!/usr/bin/env node
// Entry point of the `sandstone` command: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv);
// serve keeps running; every other command ends here.
if (code !== 0) process.exit(code);
