// Small pieces the post pages share: a precedence badge (colour and word, never colour alone),
// a person or "withheld", times in village time.
import { Link } from 'react-router';
import type { PostOffice, PostPerson, Precedence } from './types.ts';
import { PRECEDENCE_WORDS, isWithheldPerson } from './types.ts';

export function PrecedenceBadge({ precedence }: { precedence: Precedence }) {
  return <span className={`badge badge-precedence badge-precedence-${precedence}`}>{PRECEDENCE_WORDS[precedence]}</span>;
}

export function Who({ person }: { person: PostPerson | null }) {
  if (person === null) return <span className="muted">the aviary</span>;
  if (isWithheldPerson(person)) return <span className="muted withheld" title="Not shown at your clearance">withheld</span>;
  return <>{person.name}</>;
}

export function OfficeName({ office }: { office: PostOffice }) {
  if ('withheld' in office) return <span className="muted withheld" title="Not shown at your clearance">an office withheld</span>;
  return <>{office.name}</>;
}

/** Who a message is from: its writer, or "<office> (by <writer>)" for a message sent in an office's name. */
export function Sender({ person, office }: { person: PostPerson | null; office: PostOffice | null }) {
  if (!office) return <Who person={person} />;
  return <><OfficeName office={office} /> <span className="muted">(by <Who person={person} />)</span></>;
}

/** An instant in village time (UTC+03:00), as "1 Dec, 14:05". */
export function villageTime(instant: string | null): string {
  if (!instant) return '—';
  const d = new Date(Date.parse(instant) + 3 * 3600e3);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${month}, ${d.toISOString().slice(11, 16)}`;
}

/** The two views of one's post: what arrived, and what was sent. */
export function PostViews({ current }: { current: 'received' | 'sent' }) {
  return (
    <nav className="post-views" aria-label="Your post">
      <Link to="/post" aria-current={current === 'received' ? 'page' : undefined}>Received</Link>
      <Link to="/post/sent" aria-current={current === 'sent' ? 'page' : undefined}>Sent</Link>
    </nav>
  );
}
