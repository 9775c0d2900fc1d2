// HTTP optimistic concurrency: ETags carry a record's version; If-Match names the version a write expects.
import { AppError } from '../errors.ts';

export const etagOf = (version: number) => `"${version}"`;

/** The version named by If-Match, undefined when the header is absent. */
export function versionFromIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header[0]! : header;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(raw);
  if (!m) {
    throw new AppError('PRECONDITION_MALFORMED', 'bad_request', `If-Match must be an ETag such as "3" (with the quotes); got ${JSON.stringify(raw).slice(0, 60)}.`, [
      { path: 'headers.if-match', message: 'not an ETag' },
    ]);
  }
  return Number(m[1]);
}
