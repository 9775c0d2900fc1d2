// The kernel's own tables (audit, accounts, sessions, idempotency, generations, jobs), migrated before every module's, its policy rows and its timed work.
import type { SandstoneModule } from './module.ts';
import * as createAudit from './audit/migrations/20261125T100000_kernel_create_audit.ts';
import * as createAuth from './auth/migrations/20261125T100100_kernel_create_auth.ts';
import * as createIdempotency from './http/migrations/20261125T100200_kernel_create_idempotency.ts';
import * as createGeneration from './db/migrations/20261125T190000_kernel_create_generation.ts';
import * as idempotencyApplied from './http/migrations/20261125T190200_kernel_idempotency_applied.ts';
import * as deniedReads from './http/migrations/20261201T100000_kernel_denied_reads.ts';
import * as loginGate from './auth/migrations/20261201T110000_kernel_login_gate.ts';
import * as auditCanonicalStorage from './audit/migrations/20261201T120000_kernel_audit_canonical_storage.ts';
import * as createJobs from './jobs/migrations/20261201T130000_kernel_create_jobs.ts';
import * as jobClaimIndex from './jobs/migrations/20261202T150000_kernel_job_claim_index.ts';
import * as createCodeSeries from './db/migrations/20261203T140000_kernel_create_code_series.ts';
import { KERNEL_JOBS } from './jobs/kernel-jobs.ts';

export const KERNEL_SCHEMA: SandstoneModule = {
  name: 'kernel',
  migrations: {
    '20261125T100000_kernel_create_audit': createAudit,
    '20261125T100100_kernel_create_auth': createAuth,
    '20261125T100200_kernel_create_idempotency': createIdempotency,
    '20261125T190000_kernel_create_generation': createGeneration,
    '20261125T190200_kernel_idempotency_applied': idempotencyApplied,
    '20261201T100000_kernel_denied_reads': deniedReads,
    '20261201T110000_kernel_login_gate': loginGate,
    '20261201T120000_kernel_audit_canonical_storage': auditCanonicalStorage,
    '20261201T130000_kernel_create_jobs': createJobs,
    '20261202T150000_kernel_job_claim_index': jobClaimIndex,
    '20261203T140000_kernel_create_code_series': createCodeSeries,
  },
  jobs: KERNEL_JOBS,
  policy: [
    { action: 'audit.read', roles: ['kazekage', 'anbu'], description: 'read the audit log (its records are label-filtered too)', labelled: true },
    { action: 'auth.account.manage', roles: ['kazekage'], description: 'add, disable and change accounts', labelled: false },
    { action: 'jobs.read', roles: ['kazekage', 'clerk', 'anbu'], description: 'see timed work: due, running, failed and dead jobs (label-filtered)', labelled: true },
    { action: 'jobs.manage', roles: ['kazekage', 'clerk'], description: 'retry or cancel a job', labelled: true },
  ],
};
