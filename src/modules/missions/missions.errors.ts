// The missions module's error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const MISSION_NOT_FOUND = 'MISSIONS_MISSION_NOT_FOUND';
export const REPORT_NOT_FOUND = 'MISSIONS_REPORT_NOT_FOUND';

export const MissionErrors = {
  refused: (code: string, why: string) =>
    new AppError('MISSIONS_MISSION_STATE', 'conflict', `Mission ${code}: ${why}.`),
  notOnTeam: (path: string, code: string) =>
    new AppError('MISSIONS_NOT_ON_TEAM', 'unprocessable', `This person is not on the team of mission ${code}: add them to the team first.`, [{ path, message: 'not on the team of this mission' }]),
  teamRefused: (why: string) =>
    new AppError('MISSIONS_TEAM_REFUSED', 'unprocessable', `This team cannot stand so: ${why}.`, [{ path: 'body.team', message: why }]),
  teamFixed: (code: string, status: string) =>
    new AppError('MISSIONS_TEAM_FIXED', 'conflict', `The team of mission ${code} is fixed once it has set out (it is ${status}); record what happened on the road as injuries or in the reports.`),
  unknownVillage: (path: string, village: string) =>
    new AppError('MISSIONS_UNKNOWN_VILLAGE', 'unprocessable', `There is no village "${village}" in the registry.`, [{ path, message: 'no such village' }]),
  dateRefused: (path: string, message: string) =>
    new AppError('MISSIONS_DATE_REFUSED', 'unprocessable', `${path}: ${message}.`, [{ path, message }]),
  reportState: (why: string) =>
    new AppError('MISSIONS_REPORT_STATE', 'conflict', `This report cannot change so: ${why}.`),
  reportNotYours: (why: string) =>
    new AppError('MISSIONS_OWN_REPORT', 'forbidden', `You cannot do this to this report: ${why}.`),
  notYourReport: (id: string) =>
    new AppError('MISSIONS_REPORT_NOT_YOURS', 'not_found', `No report ${id} of yours: only its author writes, submits or revises a report.`),
  reportTwice: (code: string) =>
    new AppError('MISSIONS_REPORT_EXISTS', 'conflict', `This author already has a report on mission ${code}: each member writes one; edit that one.`),
  notEnded: (code: string, status: string) =>
    new AppError('MISSIONS_NOT_ENDED', 'conflict', `Mission ${code} is ${status}: an after-action report is written once it has ended.`),
  stale: (expected: number, actual: number) =>
    new AppError('MISSIONS_REPORT_STALE_VERSION', 'precondition_failed',
      `This report was changed by someone else (you read version ${expected}, it is now at version ${actual}). Reload it, then make your change again.`,
      [{ path: 'If-Match', message: `expected version ${actual}` }]),
  versionRequired: () =>
    new AppError('MISSIONS_REPORT_VERSION_REQUIRED', 'precondition_required', 'Say which version of the report you are changing: send the If-Match header with the ETag you read.', [{ path: 'If-Match', message: 'missing' }]),
};
