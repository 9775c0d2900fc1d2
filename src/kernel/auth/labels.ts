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

export const PUBLIC_LABEL: Label = { classification: 'public', compartments: [] };
export const NO_CLEARANCE: Clearance = { level: 'public', compartments: [] };
export const FULL_CLEARANCE: Clearance = { level: 'top_secret', compartments: [], all: true };

/** The least label that dominates both: what a record derived from two others is classified at. */
export function join(a: Label, b: Label): Label {
  return {
    classification: levelRank(a.classification) >= levelRank(b.classification) ? a.classification : b.classification,
    compartments: [...new Set([...a.compartments, ...b.compartments])].sort(),
  };
}
