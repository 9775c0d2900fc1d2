// The longest a delegation of authority may last, as the statute book states it (pure): section
// 3-104 ("A designation has effect for no more than thirty days, and may be renewed") in force on
// the day the delegation is granted. Read from the words, so an amendment changes the limit from
// its date with no code; where no such words are in force, a stated default applies and the
// answer says which.

export const DESIGNATION_STATUTE = '3-104';
/** When no section 3-104 in force states a limit. */
export const DEFAULT_MAX_DAYS = 30;

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A number below a hundred in words ("thirty", "forty-five", "forty five") or digits, or null. */
export function wholeNumberIn(words: string): number | null {
  const w = words.trim().toLowerCase();
  if (/^\d{1,3}$/.test(w)) return Number(w);
  const [a, b] = w.split(/[\s-]+/) as [string, string | undefined];
  if (b === undefined) {
    const u = UNITS.indexOf(a);
    if (u >= 0) return u;
  }
  const t = TENS.indexOf(a);
  if (t < 2) return null;
  if (b === undefined) return t * 10;
  const u = UNITS.indexOf(b);
  return u >= 1 && u <= 9 ? t * 10 + u : null;
}

/** The days a section's text allows a designation, or null when its words state no limit. */
export function maxDaysFromText(markup: string): number | null {
  const m = /designation has effect for no more than (\d{1,3}|[a-z]+(?:[- ][a-z]+)?) days?/i.exec(markup);
  const n = m ? wholeNumberIn(m[1]!) : null;
  return n !== null && n > 0 ? n : null;
}
