// Small pieces the bill pages share: a stage in words and colour, the drafting assignment (red
// with "N days late" when overdue, wherever it appears), a person or "withheld", and the registry
// lookup that picks sponsors and drafters.
import { formatDate } from '../../shared/ui.tsx';
import type { BillPerson, BillStage, Drafting } from './types.ts';
import { STAGE_WORDS } from './stage-track.ts';

export function StageBadge({ stage }: { stage: BillStage }) {
  return <span className={`badge badge-stage badge-stage-${stage}`}>{STAGE_WORDS[stage] ?? stage}</span>;
}

export const isWithheldPerson = (p: BillPerson | null | undefined): p is { withheld: true } => !!p && 'withheld' in p && p.withheld === true;

/** A person a bill names; one the reader may not see is "withheld" — never a name, code or id. */
export function PersonName({ person }: { person: BillPerson | null }) {
  if (!person) return <span className="muted">nobody</span>;
  if (isWithheldPerson(person)) return <span className="muted withheld" title="This person is not shown at your clearance">withheld</span>;
  return <>{person.displayName}</>;
}

export const lateWords = (days: number) => `${days} ${days === 1 ? 'day' : 'days'} late`;

/** The drafting assignment in one line: who, by when, and whether it is late or handed in. */
export function DraftingLine({ drafting, today }: { drafting: Drafting; today: string }) {
  if (drafting.draftedOn) {
    return <span>Drafted by <PersonName person={drafting.drafter} />, handed in on {formatDate(drafting.draftedOn)}</span>;
  }
  return (
    <span className={drafting.overdue ? 'overdue-text' : undefined}>
      <PersonName person={drafting.drafter} />, due {formatDate(drafting.due)}
      {drafting.overdue ? <> <OverdueBadge days={drafting.daysLate} /></> : drafting.due ? <span className="muted"> ({dueWords(drafting.due, today)})</span> : null}
    </span>
  );
}

export function OverdueBadge({ days }: { days: number }) {
  return <span className="badge badge-overdue">overdue · {lateWords(days)}</span>;
}

const DAY = 86_400_000;
/** "due today", "in 3 days": how far off a due date not yet passed is. */
export function dueWords(due: string, today: string): string {
  const n = Math.round((Date.parse(due) - Date.parse(today)) / DAY);
  return n <= 0 ? 'due today' : n === 1 ? 'due tomorrow' : `in ${n} days`;
}

export { PersonLookup, type Picked } from '../../shared/person-lookup.tsx';
