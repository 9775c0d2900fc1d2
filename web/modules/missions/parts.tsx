// Small pieces every missions page shows the same way: a mission's status, a report's state, a person.
import { Link } from 'react-router';
import { isWithheld } from '../../app/types.ts';
import { WithheldRef } from '../../shared/ui.tsx';
import { useVillageNames } from './queries.ts';
import { REPORT_STATE_WORDS, STATUS_WORDS, type MissionStatus, type PersonRef, type ReportState } from './types.ts';

export function MissionStatusBadge({ status }: { status: MissionStatus }) {
  return <span className={`badge badge-mission-${status}`}>{STATUS_WORDS[status] ?? status}</span>;
}

export function ReportStateBadge({ state }: { state: ReportState }) {
  return <span className={`badge badge-report-${state}`}>{REPORT_STATE_WORDS[state] ?? state}</span>;
}

/** Said in words, not by colour alone. */
export function OverdueMark({ what = 'overdue' }: { what?: string }) {
  return <span className="badge badge-overdue">{what}</span>;
}

/** A person linked to their registry page, or the note that they are withheld. */
export function PersonLink({ person }: { person: PersonRef | null }) {
  if (!person) return <span className="muted">none named</span>;
  if (isWithheld(person)) return <WithheldRef what="Person" />;
  return <Link to={`/people/${person.id}`}>{person.name}</Link>;
}

export const personName = (p: PersonRef | null): string => (!p ? 'nobody' : isWithheld(p) ? 'someone withheld at your clearance' : p.name);

/** The village codes as words: "yuki" → "Yuki". */
/** A mission's villages by name (Yukigakure), or by their codes capitalised until the names are known. */
export function useVillageWords(): (villages: string[]) => string {
  const names = new Map((useVillageNames().data ?? []).map((v) => [v.code, v.name]));
  return (villages) => villages.map((v) => names.get(v) ?? v.charAt(0).toUpperCase() + v.slice(1)).join(', ');
}
