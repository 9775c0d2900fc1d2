// If-Match as the writes read it (RFC 9110, 13.1.1 and 8.8.3): one strong ETag, a version in quotes,
// names the version a write expects; a weak one never matches (412); anything else is not an ETag
// of ours (400) — including a list of tags, an empty tag, or a tag with something after it.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { etagOf, versionFromIfMatch } from './preconditions.ts';

const refusal = (header: string | string[]) => {
  try {
    versionFromIfMatch(header);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { code: (e as AppError).code, status: (e as AppError).status };
  }
  return null;
};

describe('versionFromIfMatch', () => {
  it('reads the version of a strong ETag, and nothing when the header is absent', () => {
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch(etagOf(123456789))).toBe(123456789);
    expect(versionFromIfMatch(' "7" ')).toBe(7);
    expect(versionFromIfMatch(['"4"'])).toBe(4);
  });

  it('refuses a weak ETag with 412, whatever version it names', () => {
    for (const h of ['W/"1"', 'W/"3"', ' W/"12" ']) expect(refusal(h)).toEqual({ code: 'PRECONDITION_WEAK', status: 412 });
  });

  it('refuses as malformed (400) what is not one ETag of ours', () => {
    for (const h of ['', '3', '""', '"x"', '"-1"', '"1234567890"', '"1", "2"', '"1" "2"', '"1"x', 'x"1"', 'w/"1"', 'W/ "1"', 'W/"1", "1"', '*']) {
      expect(refusal(h), h).toEqual({ code: 'PRECONDITION_MALFORMED', status: 400 });
    }
  });
});
