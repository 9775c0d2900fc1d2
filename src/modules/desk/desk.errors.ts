// The desk's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const DeskErrors = {
  itemNotFound: (ref: string) =>
    new AppError('DESK_ITEM_NOT_FOUND', 'not_found', `No item ${ref} on your desk, nor on one you act for.`),
  delegationNotFound: (ref: string) =>
    new AppError('DESK_DELEGATION_NOT_FOUND', 'not_found', `No delegation ${ref} that you granted or hold.`),
  notYours: (why: string) =>
    new AppError('DESK_NOT_YOURS_TO_DECIDE', 'forbidden', `You may not decide this item: ${why}.`),
  decided: (state: string) =>
    new AppError('DESK_ITEM_DECIDED', 'conflict', `This item is already ${state}: reload it.`),
  noReDelegation: (why: string) =>
    new AppError('DESK_NO_REDELEGATION', 'forbidden', `This item cannot be passed on: ${why}.`),
  inPerson: (what: string, why: string, next: string) =>
    new AppError('DESK_IN_PERSON', 'forbidden', `You cannot ${what}: ${why}. ${next}`),
  delegation: (problems: [string, string][]) =>
    new AppError('DESK_DELEGATION_REFUSED', 'unprocessable', `This delegation cannot be granted: ${problems.map(([, m]) => m).join('; ')}.`, problems.map(([path, message]) => ({ path: `body.${path}`, message }))),
  deferral: (path: string, message: string) =>
    new AppError('DESK_DEFERRAL_REFUSED', 'unprocessable', `This item cannot be deferred so: ${message}.`, [{ path, message }]),
  notCleared: (path: string, why: string) =>
    new AppError('DESK_DELEGATE_NOT_CLEARED', 'unprocessable', `This person cannot be given the item: ${why}. Choose someone cleared for it.`, [{ path, message: why }]),
  revoked: () =>
    new AppError('DESK_DELEGATION_REVOKED', 'conflict', 'This delegation is already revoked.'),
  noPerson: () =>
    new AppError('DESK_NO_PERSON', 'forbidden', 'Your account is not linked to a person of the registry, so you have no desk.'),
  noKind: (kind: string) =>
    new AppError('DESK_UNKNOWN_KIND', 'unprocessable', `No module decides desk items of kind ${kind}.`),
};
