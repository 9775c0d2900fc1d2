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
  invalid: (path: string, message: string) =>
    new AppError('SAR_VALIDATION', 'unprocessable', `${path}: ${message}`, [{ path, message }]),
};
