// The kernel's own tables (audit, accounts, sessions), migrated before every module's.
import type { SandstoneModule } from './module.ts';
import * as createAudit from './audit/migrations/20261125T100000_kernel_create_audit.ts';

export const KERNEL_SCHEMA: SandstoneModule = {
  name: 'kernel',
  migrations: {
    '20261125T100000_kernel_create_audit': createAudit,
  },
};
