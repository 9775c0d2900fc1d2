// Shapes the legislature API returns (the contract: /api/legislature, see docs and the module's schema).
export type StatuteStatus = 'in_force' | 'repealed' | 'not_yet';

export interface TitleEntry {
  number: number; heading: string;
  statutes: { code: string; heading: string; status: StatuteStatus; inForceFrom: string; repealedOn: string | null; classification: string; compartments: string[] }[];
}
export interface MadeBy { kind: 'import' | 'consolidation' | 'bill'; reason: string; ref: string | null }
export interface Item { num: string; eId: string; text: string }
export interface Paragraph { num: string; eId: string; text: string; items: Item[] }
export interface Subsection { num: string; eId: string; text: string; paragraphs: Paragraph[] }
export interface StatuteText { code: string; intro: string | null; subsections: Subsection[] }
export interface TimelineEntry { seq: number; validFrom: string; validTo: string | null; kind: 'text' | 'repeal'; reason: string }

export interface Statute {
  code: string; titleNumber: number; titleHeading: string; heading: string; classification: string; compartments: string[]; at: string;
  inForceFrom: string; repealedOn: string | null;
  version: { id: string; seq: number; validFrom: string; validTo: string | null; heading: string; madeBy: MadeBy; recordedAt: string; recordedBy: string };
  markup: string; text: StatuteText; timeline: TimelineEntry[];
}
export interface HistoryItem { id: string; seq: number; kind: 'text' | 'repeal'; validFrom: string; validTo: string | null; heading: string; madeBy: MadeBy; recordedAt: string; recordedBy: string }
export interface History {
  code: string; heading: string; titleNumber: number; classification: string; compartments: string[]; inForceFrom: string; repealedOn: string | null;
  items: HistoryItem[];
}
export interface RedlineSegment { op: 'equal' | 'insert' | 'delete'; text: string }
export interface SubdivisionChange { eId: string; path: string[]; level: 'subsection' | 'paragraph' | 'item' | 'intro'; marker: string; change: 'added' | 'removed' | 'changed' | 'unchanged'; segments: RedlineSegment[] }
export interface Diff {
  code: string; from: { date: string; seq: number }; to: { date: string; seq: number };
  redline: { segments: RedlineSegment[]; subdivisions: SubdivisionChange[]; added: string[]; removed: string[]; changed: string[] };
}
export interface SearchHit {
  kind: 'statute' | 'bill'; code: string; heading: string; titleNumber: number | null; snippet: string; highlights: [number, number][];
  validFrom: string | null; validTo: string | null; status: StatuteStatus | null; url: string;
}
export interface SearchAnswer { items: SearchHit[]; total: number; query: { text: string; corrected: string | null }; jump: { code: string; eId: string; url: string } | null }
