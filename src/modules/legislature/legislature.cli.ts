// CLI adapter for the statute book: `sandstone statute CODE [--at D] [--json]`.
import type { Command } from 'commander';
import type { CliHost } from '../../kernel/module.ts';

export function legislatureCli(_program: Command, _host: CliHost) {}
