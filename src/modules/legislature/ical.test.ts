// iCalendar's text rules, checked by hand-made expectations: folding at 75 octets counts bytes
// (not characters) and never splits a UTF-8 character; escaping covers \ ; , and newlines.
import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold } from './ical.ts';
import { numberIn, quorumFromText } from './session-rules.ts';

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines (in that order: a backslash is doubled once)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets, continuation lines starting with one space, never inside a character', () => {
    const ascii = 'X'.repeat(200);
    const folded = fold(ascii).split('\r\n');
    // 75 characters, then a space and 74, then a space and the last 51.
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 52]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(ascii);
    // 'é' is two octets: 37 of them are 74 octets, the 38th would make 76.
    const accents = 'é'.repeat(40);
    const lines = fold(accents).split('\r\n');
    expect(lines[0]).toBe('é'.repeat(37));
    expect(lines[1]).toBe(' ' + 'é'.repeat(3));
    expect(fold('short')).toBe('short');
  });

  it('writes an event in the village zone with CRLF endings', () => {
    const text = calendar([{ uid: 'cs-2026-001@x', date: '2026-12-31', startsAt: '22:30', minutesLong: 120, summary: 'Late', location: 'Hall', description: '', status: 'scheduled' }], new Date('2026-11-05T06:30:00.123Z'));
    expect(text.split('\r\n')).toEqual(expect.arrayContaining(['DTSTART;TZID=Asia/Sunagakure:20261231T223000', 'DTEND;TZID=Asia/Sunagakure:20270101T003000', 'DTSTAMP:20261105T063000Z', 'UID:cs-2026-001@x']));
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('the quorum in the words of section 2-104', () => {
  it('reads the number of councillors, in words or digits', () => {
    expect(quorumFromText('(1) The quorum of the Council is five councillors.\n(2) More.')).toBe(5);
    expect(quorumFromText('(1) The quorum of the Council is 12 councillors.')).toBe(12);
    expect(quorumFromText('(1) The Council meets daily.')).toBeNull();
    expect(numberIn('Seven')).toBe(7);
    expect(numberIn('many')).toBeNull();
  });
});
