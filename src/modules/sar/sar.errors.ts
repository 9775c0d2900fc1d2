// The search-and-rescue error catalogue: stable codes a client can rely on.
import { AppError } from '../../kernel/errors.ts';

export const OPERATION_NOT_FOUND = 'SAR_OPERATION_NOT_FOUND';

export const SarErrors = {
  closed: (code: string, status: string) =>
    new AppError('SAR_OPERATION_CLOSED', 'conflict', `Operation ${code} is closed (${status.replace('_', ' ')}): it takes no more reports.`),
  sensorPostUnknown: (path: string) =>
    new AppError('SAR_SENSOR_POST_NOT_FOUND', 'unprocessable', 'This operation has no such sensor post: record the post first (POST …/sensor-posts).', [{ path, message: 'no such sensor post in this operation' }]),
  teamUnknown: (path: string) =>
    new AppError('SAR_TEAM_NOT_FOUND', 'unprocessable', 'This operation has no such team.', [{ path, message: 'no such team in this operation' }]),
  area: (path: string, message: string) =>
    new AppError('SAR_AREA_REFUSED', 'unprocessable', `The search area cannot hold this operation's map: ${message}`, [{ path, message }]),
  outsideArea: (code: string, a: { minX: number; minY: number; maxX: number; maxY: number }) =>
    new AppError('SAR_OUTSIDE_AREA', 'unprocessable', `That point lies outside the search area of operation ${code} (x ${a.minX} to ${a.maxX} km, y ${a.minY} to ${a.maxY} km).`,
      [{ path: 'query.x', message: 'outside the search area' }, { path: 'query.y', message: 'outside the search area' }]),
  beforeLastKnown: (path: string, lkpAt: string) =>
    new AppError('SAR_BEFORE_LAST_KNOWN', 'unprocessable', `A report cannot be earlier than the subject's last known time (${lkpAt}): the map starts there.`, [{ path, message: `must not be before ${lkpAt}` }]),
  notYet: (path: string) =>
    new AppError('SAR_IN_THE_FUTURE', 'unprocessable', 'A report cannot be dated in the future.', [{ path, message: 'is later than now' }]),
  contradiction: (code: string, message: string) =>
    new AppError('SAR_REPORTS_CONTRADICT', 'conflict', `The reports of operation ${code} cannot all be true at once (${message}): check the latest ones.`),
  invalid: (path: string, message: string) =>
    new AppError('SAR_VALIDATION', 'unprocessable', `${path}: ${message}`, [{ path, message }]),
};
