// HTTP optimistic concurrency: ETags carry a record's version; If-Match names the version a write expects.
import { AppError } from '../errors.ts';

export const etagOf = (version: number) => `"${version}"`;

/** The version named by If-Match, undefined when the header is absent. */
export function versionFromIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header[0]! : header;
  const m = /^\s*(W\/)?"(\d{1,9})"\s*$/.exec(raw);
  // If-Match compares strongly (RFC 9110, 13.1.1): a weak tag says "about this version", which is
  // not enough to change it. Ours are strong; a weak one was made so on the way (a proxy compressing).
  if (m?.[1]) {
    throw new AppError('PRECONDITION_WEAK', 'precondition_failed', `If-Match must name the version exactly: ${raw.trim().slice(0, 40)} is a weak ETag, which never matches. Send the ETag as the server sent it, "${m[2]}" without W/ (something between you and the server may have weakened it).`, [
      { path: 'headers.if-match', message: 'weak ETag' },
    ]);
  }
  if (!m) {
    throw new AppError('PRECONDITION_MALFORMED', 'bad_request', `If-Match must be an ETag such as "3" (with the quotes); got ${JSON.stringify(raw).slice(0, 60)}.`, [
      { path: 'headers.if-match', message: 'not an ETag' },
    ]);
  }
  return Number(m[2]);
}
