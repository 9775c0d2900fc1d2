// iCalendar (RFC 5545) for council sessions, pure: CRLF line ends, lines folded at 75 octets
// (never inside a UTF-8 character), TEXT values escaped (\\, \;, \, and \n), a DTSTAMP and a UID
// per event, and times in the village's zone (UTC+03:00 all year, no daylight saving), given as a
// VTIMEZONE so calendars show the sitting at the village's hour wherever they are.

export const VILLAGE_TZID = 'Asia/Sunagakure';

export interface CalendarEvent {
  uid: string;
  /** Village date and time. */
  date: string; startsAt: string; minutesLong: number;
  summary: string; location: string; description: string;
  status: 'scheduled' | 'sitting' | 'adjourned';
  url?: string;
}

export const escapeText = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

/** One content line folded at 75 octets: each continuation starts with a space (RFC 5545 3.1). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation's leading space is one of its 75
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
/** The village's local date and time `minutes` after the start. */
function plusMinutes(date: string, time: string, minutes: number): string {
  // A DATE-TIME has four-digit years: an end past the last minute of 9999 (a sitting stored before
  // dates were bounded) is written as that minute, not as "+010000-…".
  const t = new Date(Math.min(Date.parse(`${date}T${time}:00Z`) + minutes * 60_000, Date.parse('9999-12-31T23:59:00Z'))).toISOString();
  return local(t.slice(0, 10), t.slice(11, 16));
}
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function calendar(events: readonly CalendarEvent[], stamp: Date, name = 'Council of Sunagakure'): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sandstone//Council sessions//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${VILLAGE_TZID}`,
    'BEGIN:VTIMEZONE', `TZID:${VILLAGE_TZID}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0300', 'TZOFFSETTO:+0300', 'TZNAME:SUT', 'END:STANDARD', 'END:VTIMEZONE',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(stamp)}`,
      `DTSTART;TZID=${VILLAGE_TZID}:${local(e.date, e.startsAt)}`,
      `DTEND;TZID=${VILLAGE_TZID}:${plusMinutes(e.date, e.startsAt, e.minutesLong)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      'STATUS:CONFIRMED',
      ...(e.url ? [`URL:${e.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
