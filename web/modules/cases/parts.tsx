// Small parts the cases pages share: state badges, a person as a link to their registry page
// (or "not shown" when withheld), and a refusal shown beside the form that caused it.
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { isWithheld } from '../../app/types.ts';
import { WithheldRef } from '../../shared/ui.tsx';
import { CASE_STATE_WORDS, REQUEST_STATE_WORDS, type CaseState, type PersonShown, type RequestState } from './types.ts';

export function CaseStateBadge({ state }: { state: CaseState }) {
  return <span className={`badge cases-state cases-state-${state}`}>{CASE_STATE_WORDS[state] ?? state}</span>;
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  return <span className={`badge cases-state cases-rstate-${state}`}>{REQUEST_STATE_WORDS[state] ?? state}</span>;
}

/** A person as the reader may see them: their registry page, or that they are not shown. */
export function Who({ person, none = 'nobody recorded' }: { person: PersonShown | null | undefined; none?: string }) {
  if (!person) return <span className="muted">{none}</span>;
  if (isWithheld(person)) return <WithheldRef what="Person" />;
  return <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.name}</Link>;
}

/** The server's refusal of a write, in its own words, where the clerk is looking. */
export function Refusal({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  // A detail that only places the message at its field says nothing new here: shown once.
  const said = (text: string) => text.trim().replace(/\.$/, '').toLowerCase();
  const details = e?.details?.filter((d) => d.message && said(d.message) !== said(e.message)) ?? [];
  return (
    <div className="notice notice-error cases-refusal" role="alert">
      <p>{e?.message ?? String(error)}</p>
      {details.length > 0 && <ul>{details.map((d, i) => <li key={i}>{d.path ? `${d.path.replace(/^body\./, '')}: ` : ''}{d.message}</li>)}</ul>}
    </div>
  );
}
