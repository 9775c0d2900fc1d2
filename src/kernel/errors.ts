// Coded application errors and their single mapping to HTTP status codes.
import { textPrefix } from './validation.ts';

export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  unprocessable: 422,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetail {
  /** Where the problem is, e.g. "body.names.given" or "persons[12].id". */
  path?: string;
  message: string;
  [k: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;
  /** For 429 and 503: when to try again, sent as Retry-After. */
  retryAfterSeconds?: number;
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[kind];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const validationError = (details: ErrorDetail[], message?: string) =>
  new AppError('VALIDATION_FAILED', 'bad_request', message ?? `Invalid input: ${summarize(details)}`, details);

/**
 * An error answer is never much larger than a good one, however large the bad request: at most
 * MAX_DETAILS details go out, then one that counts the rest (`more`), and every text in them is
 * cut to MAX_ERROR_TEXT characters (a message can quote a field name, and names can be long).
 */
export const MAX_DETAILS = 50;
export const MAX_ERROR_TEXT = 300;

export const clip = (s: string, max = MAX_ERROR_TEXT): string => (s.length <= max ? s : `${textPrefix(s, max - 1)}…`);

export function cappedDetails(details: readonly ErrorDetail[]): ErrorDetail[] {
  const clipped = (d: ErrorDetail): ErrorDetail => {
    const out: ErrorDetail = { ...d, message: clip(String(d.message)) };
    if (typeof d.path === 'string') out.path = clip(d.path);
    return out;
  };
  const kept = details.slice(0, MAX_DETAILS).map(clipped);
  const more = details.length - kept.length;
  return more > 0 ? [...kept, { message: `… and ${more} more ${more === 1 ? 'problem' : 'problems'} not listed; fix these first`, more }] : kept;
}

/** "path: message; path: message", over the capped details, for an error's one-line message. */
export const summarize = (details: readonly ErrorDetail[]): string =>
  cappedDetails(details).slice(0, 10).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ') + (details.length > 10 ? `; and ${details.length - 10} more` : '');

/** Zod's wording, made plain for a person filling in a form. */
export function humanIssue(message: string, code: string | undefined, input: unknown, path: readonly PropertyKey[]): string {
  if (code === 'unrecognized_keys') return message.replace(/^Unrecognized keys?:?/, 'unknown field:');
  if (path.length && valueAt(input, path) === undefined && code !== 'custom') return 'is required';
  return plainWords(message);
}

const KINDS: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', date: 'a date',
};
const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

/** zod's default messages, in the words a form or an API caller can act on. */
export function plainWords(message: string): string {
  let m: RegExpMatchArray | null;
  if ((m = /^Invalid input: expected (?:number|int), received NaN$/.exec(message))) return 'must be a number';
  if ((m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message))) return `must be ${KINDS[m[1]!] ?? m[1]} (got ${KINDS[m[2]!] ?? m[2]})`;
  if ((m = /^Invalid option: expected one of (.+)$/.exec(message))) return `must be one of ${m[1]!.replace(/"/g, '').split('|').join(', ')}`;
  if ((m = /^Too (small|big): expected (?:number|int|bigint) to be (>=|>|<=|<)(.+)$/.exec(message))) {
    return `must be ${{ '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' }[m[2]!]} ${m[3]}`;
  }
  if ((m = /^Too (small|big): expected (string|array) to have (>=|>|<=|<)(\d+) \w+$/.exec(message))) {
    if (m[3] === '>=' && m[4] === '1') return m[2] === 'string' ? 'must not be empty' : 'must have at least one item';
    return `must have ${{ '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'fewer than' }[m[3]!]} ${m[4]} ${UNITS[m[2]!]}`;
  }
  return message;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: any = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[k as any];
  }
  return v;
}
