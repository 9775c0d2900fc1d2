// Small pieces the post pages share: a precedence badge (colour and word, never colour alone),
// a person or "withheld", times in village time, the head of one's post and a message's subject in its lists.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ClassificationTag } from '../../shared/ui.tsx';
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

/** The head of one's post, received or sent: the title, a way to write, and the way to the other view. */
export function PostHead({ title, current }: { title: string; current: 'received' | 'sent' }) {
  const session = useSession();
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        {session.can('post.send') && <Link className="button" to="/post/compose">Write a message</Link>}
      </div>
      <nav className="post-views" aria-label="Your post">
        <Link to="/post" aria-current={current === 'received' ? 'page' : undefined}>Received</Link>
        <Link to="/post/sent" aria-current={current === 'sent' ? 'page' : undefined}>Sent</Link>
      </nav>
    </>
  );
}

/** A message's subject in a list: the way to open it, its label, and a line beneath (its code, and what else the list says). */
export function MessageSubject({ m, children }: { m: { code: string; subject: string; classification: string; compartments: string[] }; children?: ReactNode }) {
  return (
    <th scope="row" data-label="Subject">
      <Link to={`/post/messages/${m.code}`}>{m.subject}</Link> <ClassificationTag classification={m.classification} compartments={m.compartments} />
      {children}
    </th>
  );
}
