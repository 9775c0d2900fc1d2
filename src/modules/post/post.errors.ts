// The hawk post's error catalogue: stable codes a client can rely on.
import { AppError, type ErrorDetail } from '../../kernel/errors.ts';

export const PostErrors = {
  messageNotFound: (ref: string) =>
    new AppError('POST_MESSAGE_NOT_FOUND', 'not_found', `No message ${ref} that you sent or received.`),
  /** The message a reply names (body.inReplyTo), unknown or not the writer's: alike for both. */
  repliedToNotFound: (ref: string) =>
    new AppError('POST_MESSAGE_NOT_FOUND', 'unprocessable', `No message ${ref} that you sent or received: a reply answers one of yours.`, [{ path: 'body.inReplyTo', message: 'no message you sent or received' }]),
  deliveryNotFound: (ref: string) =>
    new AppError('POST_DELIVERY_NOT_FOUND', 'not_found', `No delivery ${ref} in your pigeon hole.`),
  notCleared: (path: string, who: string, why: string) =>
    new AppError('POST_RECIPIENT_NOT_CLEARED', 'unprocessable', `${who} cannot be sent this message: ${why}. Lower the message's classification, or send it to someone cleared for it.`, [{ path, message: why }]),
  noRoute: (path: string, from: string, to: string) =>
    new AppError('POST_NO_ROUTE', 'unprocessable', `No hawk flies between ${from} and ${to}: add the route first (PUT /api/post/routes), or send by another village.`, [{ path, message: `no hawk route between ${from} and ${to}` }]),
  unknownVillage: (path: string, code: string) =>
    new AppError('POST_UNKNOWN_VILLAGE', 'unprocessable', `There is no village "${code}" in the registry.`, [{ path, message: 'no such village' }]),
  draftNotFound: (ref: string) =>
    new AppError('POST_DRAFT_NOT_FOUND', 'not_found', `No draft ${ref} of yours.`),
  draftIncomplete: (details: ErrorDetail[]) =>
    new AppError('POST_DRAFT_INCOMPLETE', 'unprocessable', `This draft cannot be sent as it is: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}. Edit it, then send it.`, details),
  draftChanged: () =>
    new AppError('POST_DRAFT_CHANGED', 'conflict', 'This draft was changed or sent at the same moment (another tab?): reload it.'),
  state: (message: string) =>
    new AppError('POST_DELIVERY_STATE', 'conflict', `This message cannot change so: ${message}.`),
  namedTwice: (path: string, first: string) =>
    new AppError('POST_RECIPIENT_NAMED_TWICE', 'unprocessable', `A recipient is named twice (at ${first} and ${path}), perhaps once by code and once by id: name each once.`, [{ path, message: `this recipient is named twice (first at ${first}): name each once` }]),
  deniedOnDesk: (code: string) =>
    new AppError('POST_DENIED_ON_DESK', 'conflict', `${code} was denied on your desk (its sender was told it will not be actioned): it cannot be marked actioned now. To act on it after all, write to its sender.`),
  tooManyDrafts: (max: number) =>
    new AppError('POST_TOO_MANY_DRAFTS', 'unprocessable', `You have ${max} drafts, the most one may keep: delete some drafts first (or send them).`, [{ path: 'body', message: `at most ${max} drafts: delete some drafts first` }]),
  notAMember: (path: string, office: string) =>
    new AppError('POST_NOT_OF_OFFICE', 'forbidden', `You cannot send in the name of ${office}: you are not a current member of it. Send it in your own name, or ask one of its members.`, [{ path, message: 'you are not a current member of this office' }]),
  /** The sent post of an office asked for by someone not a current member of it (a read: nothing about sending). */
  notAMemberToRead: (path: string, office: string) =>
    new AppError('POST_NOT_OF_OFFICE', 'forbidden', `You cannot see the sent post of ${office}: only its current members see what was sent in its name. Leave out the office to see your own sent post.`, [{ path, message: 'you are not a current member of this office' }]),
  senderOnBehalf: () =>
    new AppError('POST_SENDER_NOT_YOURS', 'forbidden', 'Only the aviary records a hawk sent by someone else, from another village.'),
  senderAtHome: () =>
    new AppError('POST_SENDER_NOT_YOURS', 'unprocessable', 'A letter within the village is its writer\'s own: only a hawk that came from another village is recorded for someone else. Name that village (body.fromVillage), or send it in your own name.', [{ path: 'body.sender', message: 'someone else may be named as sender only of a hawk from another village (body.fromVillage)' }]),
};
