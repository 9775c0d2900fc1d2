// The legislature's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';
import { UnknownReference } from '../../kernel/references.ts';

export const STATUTE_NOT_FOUND = 'LEGISLATURE_STATUTE_NOT_FOUND';
export const BILL_NOT_FOUND = 'LEGISLATURE_BILL_NOT_FOUND';

export const LegislatureErrors = {
  /**
   * "No such code", in the contract's words, for an unknown statute and a hidden one alike: the
   * kernel's refusal (which carries the audit of the denied lookup) with the statute book's message.
   */
  notFound: (refused: UnknownReference, code: string) =>
    new UnknownReference(STATUTE_NOT_FOUND, refused.kind as 'not_found' | 'unprocessable',
      `No statute has the code ${JSON.stringify(code.slice(0, 100)).slice(1, -1)}. Check the number, or look it up in the title index (/statutes).`, refused.details as { path: string; message: string }[], refused.denial),
  notYet: (code: string, at: string, from: string, path = 'at') =>
    new AppError('LEGISLATURE_STATUTE_NOT_YET', 'not_found', `Statute ${code} is not yet in force on ${at}: it is in force from ${from}.`,
      [{ path, message: `statute ${code} is in force from ${from}` }]),
  repealed: (code: string, at: string, on: string, path = 'at') =>
    new AppError('LEGISLATURE_STATUTE_REPEALED', 'not_found', `Statute ${code} was repealed on ${on}. Its history: /api/legislature/statutes/${code}/history`,
      [{ path, message: `statute ${code} was repealed on ${on}, before ${at}` }]),
  staleVersion: (code: string, expected: number, actual: number) =>
    new AppError('LEGISLATURE_STALE_VERSION', 'precondition_failed',
      `Statute ${code} was changed by someone else (you read version ${expected}, it is now at version ${actual}). Reload it and make your change again.`,
      [{ path: 'If-Match', message: `expected version ${actual}` }]),
  versionRequired: (code: string) =>
    new AppError('LEGISLATURE_VERSION_REQUIRED', 'precondition_required', `Say which version of statute ${code} you are changing: send the If-Match header with the ETag you read.`, [{ path: 'If-Match', message: 'missing' }]),
  titleExists: (n: number) =>
    new AppError('LEGISLATURE_TITLE_EXISTS', 'conflict', `Title ${n} already exists.`, [{ path: 'body.number', message: 'already taken' }]),
  titleUnknown: (n: number, path: string) =>
    new AppError('LEGISLATURE_TITLE_NOT_FOUND', 'unprocessable', `There is no Title ${n}: add the title first (POST /api/legislature/titles).`, [{ path, message: `no title ${n}` }]),
  codeTaken: (code: string) =>
    // A code once given is never given again, even after a repeal or to a classified section
    // (section 1-104(3) of the code): so this names no heading and no label.
    new AppError('LEGISLATURE_CODE_TAKEN', 'conflict', `The code ${code} is already given to a statute; a statute's number is never reused.`, [{ path: 'body.code', message: 'already taken' }]),
  alreadyRepealed: (code: string, on: string) =>
    new AppError('LEGISLATURE_STATUTE_ALREADY_REPEALED', 'conflict', `Statute ${code} was repealed on ${on}: a repealed statute takes no new version.`),
  notAfterLatest: (code: string, path: string, latest: string) =>
    new AppError('LEGISLATURE_DATE_NOT_AFTER_LATEST', 'unprocessable', `A new version of statute ${code} must start after its latest version, which is in force from ${latest}.`,
      [{ path, message: `must be after ${latest}` }]),
  sameText: (code: string, latest: string) =>
    new AppError('LEGISLATURE_VERSION_UNCHANGED', 'unprocessable', `The text and heading are those of statute ${code}'s version of ${latest}: a new version must change something. Edit the text, or leave the statute as it is.`,
      [{ path: 'body.markup', message: `is the text of the version of ${latest}` }]),
  importConflict: (code: string, path: string, message: string) =>
    new AppError('LEGISLATURE_IMPORT_CONFLICT', 'conflict', `Statute ${code} is already recorded with another history: ${message}. A recorded version is never rewritten; amend the statute instead.`,
      [{ path, message }]),
  billStale: (code: string, expected: number, actual: number) =>
    new AppError('LEGISLATURE_BILL_STALE_VERSION', 'precondition_failed',
      `Bill ${code} was changed by someone else (you read version ${expected}, it is now at version ${actual}). Reload it and make your change again.`,
      [{ path: 'If-Match', message: `expected version ${actual}` }]),
  billStage: (code: string, message: string) =>
    new AppError('LEGISLATURE_BILL_STAGE', 'conflict', `Bill ${code}: ${message}.`, [{ path: 'body.stage', message }]),
  billStageDate: (code: string, message: string) =>
    new AppError('LEGISLATURE_BILL_STAGE_DATE', 'unprocessable', `Bill ${code}: ${message}.`, [{ path: 'body.on', message }]),
  billByTheSystem: (code: string) =>
    new AppError('LEGISLATURE_BILL_ENACTED_BY_SYSTEM', 'unprocessable', `Bill ${code} is enacted on its commencement date by the system, once signed: set the commencement date with its amendments.`, [{ path: 'body.stage', message: 'enacted is recorded by the system' }]),
  billVotedStage: (code: string, message: string) =>
    new AppError('LEGISLATURE_BILL_STAGE_VOTED', 'unprocessable', `Bill ${code}: ${message}.`, [{ path: 'body.stage', message }]),
  billLocked: (code: string, stage: string) =>
    new AppError('LEGISLATURE_BILL_LOCKED', 'conflict', `Bill ${code} is ${stage}: its text and amendments are as the Council passed them and cannot change.`),
  textNamesBill: (code: string, path: string) =>
    new AppError('LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', 'unprocessable', `The text names bill ${code}, which readers of this record may not see; refer to it through the agenda.`,
      [{ path, message: `names bill ${code}, which readers of this record may not see; refer to it through the agenda` }]),
  textNamesBillTitle: (code: string, path: string) =>
    new AppError('LEGISLATURE_TEXT_NAMES_HIDDEN_BILL', 'unprocessable', `The text names the title of bill ${code}, which readers of this record may not see; refer to it through the agenda.`,
      [{ path, message: `names the title of bill ${code}, which readers of this record may not see; refer to it through the agenda` }]),
  billAmendments: (code: string, details: { path: string; message: string }[]) =>
    new AppError('LEGISLATURE_BILL_AMENDMENTS_INVALID', 'unprocessable', `Bill ${code}'s amendments cannot apply: ${details[0]!.message}. Nothing was saved.`, details),
};

export const SESSION_NOT_FOUND = 'LEGISLATURE_SESSION_NOT_FOUND';
export const VOTE_NOT_FOUND = 'LEGISLATURE_VOTE_NOT_FOUND';
export const MOTION_NOT_FOUND = 'LEGISLATURE_MOTION_NOT_FOUND';
/** A chair unknown, hidden, or not cleared for a classified session: one answer for all three. */
export const CHAIR_REFUSED = 'LEGISLATURE_CHAIR_REFUSED';

/** Council sessions' refusals: the sitting's state, membership on its date, motions and votes. */
export const SessionErrors = {
  state: (code: string, message: string) =>
    new AppError('LEGISLATURE_SESSION_STATE', 'conflict', `Session ${code}: ${message}.`),
  notMember: (code: string, date: string, path = 'member') =>
    new AppError('LEGISLATURE_NOT_A_MEMBER', 'forbidden', `Only a councillor holding a seat on ${date} takes part in session ${code} this way; you hold none that day. The clerk can record it for a member.`, [{ path, message: `holds no council seat on ${date}` }]),
  notAMemberNamed: (code: string, date: string, path: string) =>
    new AppError('LEGISLATURE_NOT_A_MEMBER', 'unprocessable', `That person holds no council seat on ${date}, so is not a member of session ${code}.`, [{ path, message: `holds no council seat on ${date}` }]),
  onlyYourself: (what: string, path = 'body.member') =>
    new AppError('LEGISLATURE_ONLY_YOURSELF', 'forbidden', `A councillor ${what} only for themself; the clerk records it for another member.`, [{ path, message: 'not you: name yourself, or leave it out' }]),
  notChair: (code: string) =>
    new AppError('LEGISLATURE_NOT_THE_CHAIR', 'forbidden', `Only the chair of session ${code} (or the clerk) gives or ends the floor.`),
  queue: (code: string, message: string) =>
    new AppError('LEGISLATURE_QUEUE_REFUSED', 'conflict', `Session ${code}: ${message}.`, [{ path: 'body.type', message }]),
  busy: (code: string) =>
    new AppError('LEGISLATURE_SESSION_BUSY', 'conflict', `Session ${code} changed while your request was recorded, several times over. Send it again.`),
  agendaOrder: (code: string, message: string) =>
    new AppError('LEGISLATURE_AGENDA_ORDER', 'unprocessable', `Session ${code}'s agenda: ${message}.`, [{ path: 'body.items', message }]),
  itemUnknown: (code: string, item: string, path: string) =>
    new AppError('LEGISLATURE_ITEM_NOT_FOUND', 'unprocessable', `Session ${code} has no agenda item ${JSON.stringify(item.slice(0, 100))}.`, [{ path, message: 'no such agenda item' }]),
  billAboveSession: (bill: string, path: string) =>
    new AppError('LEGISLATURE_BILL_ABOVE_SESSION', 'unprocessable',
      `Bill ${bill} is classified above this session: a bill is read only at a sitting cleared for it (the session's label must include the bill's classification and compartments), so put it on the agenda of such a session.`,
      [{ path, message: 'the bill is classified above the session' }]),
  limit: (code: string, message: string, path: string) =>
    new AppError('LEGISLATURE_SESSION_LIMIT', 'unprocessable', `Session ${code}: ${message}.`, [{ path, message }]),
  motionRule: (code: string, message: string, path: string) =>
    new AppError('LEGISLATURE_MOTION_REFUSED', 'conflict', `Session ${code}: ${message}.`, [{ path, message }]),
  alreadyAnswered: (option: string) =>
    new AppError('LEGISLATURE_ALREADY_VOTED', 'conflict', `This member has answered already (${option}); a roll-call answer is given once.`, [{ path: 'body.option', message: `already answered ${option}` }]),
  voteClosed: () =>
    new AppError('LEGISLATURE_VOTE_CLOSED', 'conflict', 'This vote is closed: its result is recorded and no answer can be added.'),
  chairAnswersNone: (code: string, path: string) =>
    new AppError('LEGISLATURE_CHAIR_NO_BALLOT', 'conflict', `The chair of session ${code} answers no roll call: the presiding councillor votes only when the votes are equal, and then for the question to remain as it was (section 2-105(3)); a tie is lost without a ballot.`,
      [{ path, message: 'the chair answers no roll call (section 2-105(3))' }]),
  excused: (code: string, path: string) =>
    new AppError('LEGISLATURE_MEMBER_EXCUSED', 'conflict', `This member is recorded excused from session ${code}: an excused member is not present, so answers no roll call and is not counted for the quorum. Record them present first if they have come.`,
      [{ path, message: 'recorded excused from the sitting' }]),
  majority: (code: string, r: { status: 'conflict' | 'unprocessable'; path: string; message: string }) =>
    new AppError(r.path === 'body.basis' ? 'LEGISLATURE_VOTE_BASIS' : 'LEGISLATURE_MOTION_REFUSED', r.status, `Session ${code}: ${r.message}.`, [{ path: r.path, message: r.message }]),
  voteOpen: (code: string, n: number) =>
    new AppError('LEGISLATURE_VOTE_OPEN', 'conflict', `Session ${code}: vote ${n} is still open; close it first.`),
};

/** Stored minutes' refusals: drafting before adjournment or twice, stale or missing versions, approved minutes. */
export const MinutesErrors = {
  notAdjourned: (code: string, status: string) =>
    new AppError('LEGISLATURE_MINUTES_REFUSED', 'conflict', `Session ${code} is ${status}: minutes are drafted from the record once the session is adjourned.`),
  exist: (code: string, version: number) =>
    new AppError('LEGISLATURE_MINUTES_REFUSED', 'conflict', `Session ${code} has minutes already (draft, version ${version}): edit them, or send { "regenerate": true } to replace the draft with a fresh one from the record (its edits are lost).`,
      [{ path: 'body.regenerate', message: 'minutes exist' }]),
  notDrafted: (code: string) =>
    new AppError('LEGISLATURE_MINUTES_REFUSED', 'conflict', `Session ${code} has no minutes drafted yet: draft them from the record first (POST /api/legislature/sessions/${code}/minutes).`),
  approved: (code: string, on: string, by: string) =>
    new AppError('LEGISLATURE_MINUTES_APPROVED', 'conflict', `The minutes of session ${code} were approved on ${on} by ${by} and cannot change.`),
  stale: (code: string, expected: number, actual: number) =>
    new AppError('LEGISLATURE_MINUTES_STALE_VERSION', 'precondition_failed',
      `The minutes of session ${code} were changed by someone else (you read version ${expected}, they are now at version ${actual}). Reload them, then make your change again.`,
      [{ path: 'If-Match', message: `expected version ${actual}` }]),
  versionRequired: (code: string) =>
    new AppError('LEGISLATURE_MINUTES_VERSION_REQUIRED', 'precondition_required', `Say which version of the minutes of session ${code} you are changing: send the If-Match header with the ETag you read.`, [{ path: 'If-Match', message: 'missing' }]),
  approvedIn: (code: string, message: string) =>
    new AppError('LEGISLATURE_MINUTES_REFUSED', 'unprocessable', `The minutes of session ${code}: ${message}.`, [{ path: 'body.sitting', message }]),
};
