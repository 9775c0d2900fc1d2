// The cases module's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const CaseErrors = {
  /** A lifecycle, custody or request rule refused the step: the pure core's words, as they are, at the field they concern when there is one. */
  refused: (code: string, why: string, path?: string) => new AppError(code, 'conflict', `${why.charAt(0).toUpperCase()}${why.slice(1)}.`, path ? [{ path, message: why }] : []),
  /** A release by someone who does not hold the item: forbidden, and audited. */
  notHolder: (why: string) => new AppError('CASES_NOT_THE_CUSTODIAN', 'forbidden', `${why.charAt(0).toUpperCase()}${why.slice(1)}.`),
  taskNotFound: (ref: string) => new AppError('CASES_TASK_NOT_FOUND', 'not_found', `No task ${ref} on this case.`),
  noSuchKind: (path: string, kind: string) =>
    new AppError('CASES_LINK_KIND_UNAVAILABLE', 'unprocessable', `Records of the kind ${kind} cannot be linked yet: the module that keeps them is not installed.`, [{ path, message: `no ${kind} records here` }]),
  noPerson: () => new AppError('CASES_NO_PERSON', 'unprocessable', 'Your account is not linked to a registry person: only the person who holds an item releases it.', [{ path: 'body.releasedBy', message: 'a release is made by its holder, in person' }]),
  findingFrozen: (code: string) => new AppError('CASES_FINDINGS_FROZEN', 'conflict', `Case ${code} is closed: its findings are final. Reopen the case (with a reason) to add to them.`),
  duplicate: (what: string, path?: string) => new AppError('CASES_ALREADY_RECORDED', 'conflict', `${what} is already recorded on this case.`, path ? [{ path, message: `${what.charAt(0).toLowerCase()}${what.slice(1)} is already recorded on this case: name each party once in a role` }] : []),
};
