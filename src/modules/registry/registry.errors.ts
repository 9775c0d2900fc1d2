// The registry's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const RegistryErrors = {
  // Unknown (or hidden) records are refused by the kernel's references (kernel/references.ts),
  // with the codes the registry declares in registry.references.ts.
  staleVersion: (entity: string, expected: number, actual: number) =>
    new AppError(
      'REGISTRY_STALE_VERSION',
      'precondition_failed',
      `This ${entity} was changed by someone else (you read version ${expected}, it is now at version ${actual}). Reload it and make your change again.`,
      [{ path: 'If-Match', message: `expected version ${actual}` }],
    ),
  versionRequired: (entity: string) =>
    new AppError('REGISTRY_VERSION_REQUIRED', 'precondition_required', `Say which version of the ${entity} you are changing: send the If-Match header with the ETag you read.`, [{ path: 'If-Match', message: 'missing' }]),
  duplicateCode: (what: string, code: string) =>
    new AppError('REGISTRY_DUPLICATE_CODE', 'conflict', `A ${what} with the code "${code}" already exists.`, [{ path: 'body.code', message: 'already taken' }]),
  postNotInOrganization: (post: string, org: string) =>
    new AppError('REGISTRY_POST_ORGANIZATION_MISMATCH', 'unprocessable', `Post "${post}" belongs to another organization than "${org}".`, [{ path: 'body.post', message: 'belongs to another organization' }]),
  membershipAlreadyEnded: (id: string, date: string) =>
    new AppError('REGISTRY_MEMBERSHIP_ALREADY_ENDED', 'conflict', `Membership ${id} already ended on ${date}.`),
  endBeforeStart: (start: string) =>
    new AppError('REGISTRY_END_BEFORE_START', 'unprocessable', `The end date is before the membership's start (${start}).`, [{ path: 'body.endDate', message: `must be on or after ${start}` }]),
  parentCycle: () => new AppError('REGISTRY_ORGANIZATION_CYCLE', 'unprocessable', 'An organization cannot be its own ancestor.', [{ path: 'body.parent', message: 'would create a cycle' }]),
};
