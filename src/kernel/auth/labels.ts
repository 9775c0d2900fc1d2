// Security labels and clearances: the lattice every read is checked against. Pure.

export const LEVELS = ['public', 'restricted', 'secret', 'top_secret'] as const;
export type Level = (typeof LEVELS)[number];

export interface Label {
  classification: Level;
  compartments: readonly string[];
}

/** A person's clearance; `all` is the operator at the console, who can read the database file anyway. */
export interface Clearance {
  level: Level;
  compartments: readonly string[];
  all?: boolean;
}

export const levelRank = (l: Level | string): number => {
  const i = LEVELS.indexOf(l as Level);
  return i < 0 ? LEVELS.length : i; // an unknown label is above everything
};

/** Read is allowed only when the clearance dominates the label: level ≥ and compartments ⊇. */
export function dominates(c: Clearance, l: Label): boolean {
  if (c.all) return true;
  return levelRank(c.level) >= levelRank(l.classification) && l.compartments.every((x) => c.compartments.includes(x));
}

/** Whether label a dominates label b: text written at a may name what is written at b. */
export const labelDominates = (a: Label, b: Label): boolean => dominates({ level: a.classification, compartments: a.compartments }, b);

/** A label as stored and compared: each compartment once, in order (a writer may name them in any order, or twice). */
export const sortedLabel = (l: { classification: Level; compartments: readonly string[] }): Label => ({ classification: l.classification, compartments: [...new Set(l.compartments)].sort() });

/**
 * The marking a paper copy of a record bears at its top and bottom, as its reader must see it:
 * the level in capitals and the compartments sorted (`SECRET / BREACH`); none for public records.
 */
export function labelMarking(l: Label): string {
  if (l.classification === 'public' && l.compartments.length === 0) return '';
  const { compartments } = sortedLabel(l);
  return l.classification.replace('_', ' ').toUpperCase() + (compartments.length ? ` / ${compartments.join(', ')}` : '');
}

export const PUBLIC_LABEL: Label = { classification: 'public', compartments: [] };
/**
 * The label of a record about a name that matches nothing (a refused lookup of an unknown id, a
 * failed login for an unknown username). A refusal of a hidden record carries that record's
 * label, so the reader it was hidden from cannot see it; the refusal of an unknown one must be
 * just as invisible to everyone, or reading the log afterwards would tell the two apart. So it
 * sits above every label a record can carry: compartment names are upper-case, so no clearance
 * holds "console", and only the operator at the console (whose clearance is `all`) reads these.
 */
export const UNMATCHED_LABEL: Label = Object.freeze({ classification: 'top_secret', compartments: Object.freeze(['console']) }) as Label;
export const NO_CLEARANCE: Clearance = { level: 'public', compartments: [] };
export const FULL_CLEARANCE: Clearance = { level: 'top_secret', compartments: [], all: true };

/** The least label that dominates both: what a record derived from two others is classified at. */
export function join(a: Label, b: Label): Label {
  return {
    classification: levelRank(a.classification) >= levelRank(b.classification) ? a.classification : b.classification,
    compartments: [...new Set([...a.compartments, ...b.compartments])].sort(),
  };
}

/** A label as an audit entry's fields: `tx.audit({ ..., ...auditedAt(label) })`. */
export const auditedAt = (l: Label): { classification: Label['classification']; compartments: string[] } => ({ classification: l.classification, compartments: [...l.compartments] });
