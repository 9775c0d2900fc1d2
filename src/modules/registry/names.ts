// Pure name logic: display names, sort keys and the tokens behind accent-insensitive prefix search.

/** "Gaara", "Rock Lee": the full name if given, else given + family. */
export function displayName(p: { name?: string | null; givenName?: string | null; familyName?: string | null }): string {
  if (p.name && p.name.trim()) return p.name.trim();
  return [p.givenName, p.familyName].filter((s) => s && s.trim()).join(' ').trim();
}

/** Lower-case, accents removed, compatibility forms folded: "Kankurō" → "kankuro". */
export function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}

/** Words of a name, folded; apostrophes and dashes split words ("O'Day" → "o", "day"). */
export function nameWords(s: string): string[] {
  return foldName(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function nameTokens(p: { name?: string | null; givenName?: string | null; familyName?: string | null; otherNames?: readonly string[] }): string[] {
  const all = [p.name, p.givenName, p.familyName, ...(p.otherNames ?? [])].filter((s): s is string => !!s);
  return [...new Set(all.flatMap(nameWords))].map((t) => t.slice(0, 100));
}

/** Query words; at most 8 so a pasted paragraph cannot become a huge query. */
export function queryTokens(q: string): string[] {
  return [...new Set(nameWords(q))].slice(0, 8).map((t) => t.slice(0, 100));
}

/** The exclusive upper bound of every string that starts with prefix, in code-point (= UTF-8 byte) order. */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

export function sortKey(display: string): string {
  return foldName(display);
}
