// The registry's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const RegistryErrors = {
  personNotFound: (id: string) => new AppError('REGISTRY_PERSON_NOT_FOUND', 'not_found', `No person has the id "${id}".`),
  organizationNotFound: (ref: string, path?: string) =>
    new AppError('REGISTRY_ORGANIZATION_NOT_FOUND', path ? 'unprocessable' : 'not_found', `No organization has the id or code "${ref}".`, path ? [{ path, message: 'unknown organization' }] : []),
  postNotFound: (ref: string, path?: string) =>
    new AppError('REGISTRY_POST_NOT_FOUND', path ? 'unprocessable' : 'not_found', `No post has the id or code "${ref}".`, path ? [{ path, message: 'unknown post' }] : []),
  villageNotFound: (ref: string, path?: string) =>
    new AppError('REGISTRY_VILLAGE_NOT_FOUND', path ? 'unprocessable' : 'not_found', `No village has the id or code "${ref}".`, path ? [{ path, message: 'unknown village' }] : []),
  membershipNotFound: (id: string) => new AppError('REGISTRY_MEMBERSHIP_NOT_FOUND', 'not_found', `No membership has the id "${id}".`),
  personRefNotFound: (id: string, path: string) =>
    new AppError('REGISTRY_PERSON_NOT_FOUND', 'unprocessable', `No person has the id "${id}".`, [{ path, message: 'unknown person' }]),
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
