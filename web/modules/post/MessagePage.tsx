// Task: read a message and answer it — mark it read, acknowledge it, or say it is actioned — or,
// as its sender, see where each copy is: waiting, in flight (with its ETA), delivered, read.
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { CitedText } from '../../shared/citations.tsx';
import { Breadcrumbs, ClassificationTag, Loading, Problem } from '../../shared/ui.tsx';
import { OfficeName, PrecedenceBadge, Sender, Who, villageTime } from './parts.tsx';
import { STATE_WORDS, type Attachment, type Delivery, type HoleItem, type Message } from './types.ts';

export function MessagePage() {
  const { code = '' } = useParams();
  const session = useSession();
  const qc = useQueryClient();
  const m = useQuery({ queryKey: ['post', 'message', code], queryFn: () => api<Message>(`/api/post/messages/${encodeURIComponent(code)}`) });
  const answer = useMutation({
    mutationFn: ({ id, how }: { id: string; how: 'read' | 'acknowledge' | 'action' }) => api<HoleItem>(`/api/post/deliveries/${id}/${how}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['post'] }),
  });
  if (m.isPending) return <Loading what="the message" />;
  if (m.isError) return <Problem error={m.error} />;
  const msg = m.data;
  // Their own copy, or the copy of an office they are a member of (the API gives a recipient only theirs).
  const sent = msg.sender !== null && !('withheld' in msg.sender) && msg.sender.id === session.user?.personId;
  const mine = msg.deliveries.find((d) => ('person' in d.recipient && !('withheld' in d.recipient.person) && d.recipient.person.id === session.user?.personId))
    ?? (sent ? undefined : msg.deliveries.find((d) => 'office' in d.recipient));
  return (
    <article className="post post-message">
      <Breadcrumbs trail={[['Pigeon hole', '/post'], [msg.code]]} />
      <h1>{msg.subject}</h1>
      <p className="statute-sub">
        <PrecedenceBadge precedence={msg.precedence} /> <ClassificationTag classification={msg.classification} compartments={msg.compartments} />
        <span> {msg.code} · from <strong><Sender person={msg.sender} office={msg.fromOffice} /></strong>{msg.fromVillage !== 'suna' ? ` (${msg.fromVillage})` : ''} · accepted {villageTime(msg.acceptedAt)}</span>
        {msg.actionRequested && <span className="badge badge-action">action requested</span>}
      </p>
      <div className="post-body">{msg.body ? <CitedText text={msg.body} /> : <p className="muted">No body: the subject says it all.</p>}</div>
      {msg.attachments.length > 0 && <Attachments attachments={msg.attachments} />}
      {mine && (
        <section aria-labelledby="answer-h" className="post-answer">
          <h2 id="answer-h">{'office' in mine.recipient ? <>The copy to <OfficeName office={mine.recipient.office} /></> : 'Your copy'}</h2>
          <p>{STATE_WORDS[mine.state]}{mine.readAt ? `, read ${villageTime(mine.readAt)}` : ''}<By d={mine} />{mine.escalatedAt ? ` — escalated ${villageTime(mine.escalatedAt)}, acknowledge it` : ''}.</p>
          {answer.isError && <div className="notice notice-error" role="alert">{(answer.error as Error).message}</div>}
          <div className="actions" role="group" aria-label="Answer the message">
            {mine.state === 'delivered' && <button className="button" disabled={answer.isPending} onClick={() => answer.mutate({ id: mine.id, how: 'read' })}>Mark read</button>}
            {['delivered', 'read'].includes(mine.state) && <button className="button secondary" disabled={answer.isPending} onClick={() => answer.mutate({ id: mine.id, how: 'acknowledge' })}>Acknowledge</button>}
            {['delivered', 'read', 'acknowledged'].includes(mine.state) && <button className="button secondary" disabled={answer.isPending} onClick={() => answer.mutate({ id: mine.id, how: 'action' })}>Mark actioned</button>}
          </div>
        </section>
      )}
      {(sent || msg.deliveries.length > 1 || !mine) && <Receipts deliveries={msg.deliveries} />}
      <p className="hint">Times are village time (UTC+03:00). <Link to="/post">Back to the pigeon hole</Link></p>
    </article>
  );
}

function Receipts({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <section aria-labelledby="receipts-h">
      <h2 id="receipts-h">Where each copy is</h2>
      <table className="table post-receipts">
        <thead><tr><th scope="col">To</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">In flight</th><th scope="col">Delivered</th><th scope="col">Read</th></tr></thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} className={d.overdue ? 'post-overdue' : undefined}>
              <th scope="row" data-label="To">{'person' in d.recipient ? <Who person={d.recipient.person} /> : 'office' in d.recipient ? <>the office: <OfficeName office={d.recipient.office} /></> : <>aviary of {d.recipient.village}</>}{d.atVillage !== 'suna' && 'person' in d.recipient ? <span className="muted small"> at {d.atVillage}</span> : null}</th>
              <td data-label="State">{STATE_WORDS[d.state]}{d.failure ? <div className="error-message">{d.failure}</div> : null}{d.escalatedAt ? <span className="badge badge-overdue">escalated</span> : null}</td>
              <td data-label="Due">{villageTime(d.dueAt)}{d.overdue && <span className="badge badge-overdue">overdue</span>}</td>
              <td data-label="In flight">{d.releasedAt ? `${villageTime(d.releasedAt)} → ETA ${villageTime(d.eta)}` : '—'}</td>
              <td data-label="Delivered">{villageTime(d.deliveredAt)}</td>
              <td data-label="Read">{villageTime(d.readAt)}<By d={d} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Who gave a copy's answers (on an office's copy, which member), as a short line. */
function By({ d }: { d: Delivery }) {
  const stamps = ([['read', d.readBy], ['acknowledged', d.acknowledgedBy], ['actioned', d.actionedBy]] as const).filter(([, p]) => p !== null);
  if (!stamps.length) return null;
  return <div className="muted small post-answered-by">{stamps.map(([what, p], i) => <span key={what}>{i ? '; ' : ''}{what} by {'office' in p! ? 'the office' : <Who person={p} />}</span>)}</div>;
}

/** Where an attached record lives in the web app, by its kind; null where it has no page of its own. */
function attachmentLink(a: Attachment): { to: string | null; label: string } {
  const s = a.shown as Record<string, unknown>;
  const code = typeof s.code === 'string' ? s.code : null;
  const name = String(s.title ?? s.heading ?? s.displayName ?? s.name ?? code ?? a.id);
  switch (a.kind) {
    case 'legislature.bill': return { to: code ? `/bills/${encodeURIComponent(code)}` : null, label: `Bill ${code ?? ''} ${s.title ?? ''}`.trim() };
    case 'legislature.statute': return { to: code ? `/statutes/${code}` : null, label: `Statute ${code ?? ''} ${s.heading ?? ''}`.trim() };
    case 'legislature.session': return { to: code ? `/legislature/sessions/${encodeURIComponent(code)}` : null, label: `Council session ${code ?? ''}`.trim() };
    case 'sar.operation': return { to: a.id ? `/sar/${a.id}` : null, label: `Search operation ${code ?? ''} ${s.title ?? ''}`.trim() };
    case 'registry.person': return { to: `/people/${a.id}`, label: name };
    default: return { to: null, label: `${a.kind.split('.')[1]?.replace('_', ' ') ?? a.kind}: ${name}` };
  }
}

function Attachments({ attachments }: { attachments: Attachment[] }) {
  return (
    <section aria-labelledby="attachments-h" className="post-attachments">
      <h2 id="attachments-h">Attached</h2>
      <ul>
        {attachments.map((a, i) => {
          if ('withheld' in a.shown) return <li key={i} className="muted">A record withheld from you (your clearance does not cover it)</li>;
          const { to, label } = attachmentLink(a);
          return <li key={i}>{to ? <Link to={to}>{label}</Link> : label}</li>;
        })}
      </ul>
    </section>
  );
}
