// Task: see what I sent — or what my office sent in its name — and whether it has arrived and been
// read. An office's sent post is for its members today: the filter offers only the offices I belong
// to now. An office copy's receipts show "the office", not which member read it.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Loading, Pagination, Problem } from '../../shared/ui.tsx';
import { MessageSubject, OfficeName, PostHead, PrecedenceBadge, Sender, villageTime } from './parts.tsx';
import { STATE_WORDS, type Delivery, type Message } from './types.ts';

const LIMIT = 25;
type Office = { id: string; code: string | null; name: string };

/** Where a copy went, in a few words. */
function recipientWords(d: Delivery) {
  if ('person' in d.recipient) return 'withheld' in d.recipient.person ? 'someone withheld' : d.recipient.person.name;
  if ('office' in d.recipient) return <OfficeName office={d.recipient.office} />;
  return `the aviary of ${d.recipient.village}`;
}

export function SentPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const office = params.get('office') ?? '';
  const [offset, setOffset] = useState(0);
  const today = new Date().toISOString().slice(0, 10);
  const myOffices = useQuery({
    queryKey: ['memberships', 'mine', session.user?.personId, today], enabled: !!session.user?.personId,
    queryFn: () => api<{ items: { organization: Office }[] }>(`/api/registry/memberships${qs({ person: session.user!.personId, asOf: today, limit: 1000 })}`),
  });
  const mine = [...new Map((myOffices.data?.items ?? []).map((m) => [m.organization.id, m.organization])).values()];
  const sent = useQuery({
    queryKey: ['post', 'sent', office, offset],
    queryFn: () => api<{ items: Message[]; total: number }>(`/api/post/sent${qs({ office: office || undefined, limit: LIMIT, offset })}`),
  });
  const officeName = mine.find((o) => o.id === office)?.name;
  return (
    <div className="post">
      <PostHead title="Sent post" current="sent" />
      <p className="lede">{office ? <>What the members of {officeName ?? 'this office'} sent in its name, newest first.</> : 'What you sent, newest first, with each copy\'s receipts.'}</p>
      {mine.length > 0 && (
        <div className="post-filters">
          <label htmlFor="sent-office">Sent by</label>{' '}
          <select id="sent-office" value={office} onChange={(e) => { setParams(e.target.value ? { office: e.target.value } : {}); setOffset(0); }}>
            <option value="">you</option>
            {mine.map((o) => <option key={o.id} value={o.id}>{o.name} (any of its members)</option>)}
          </select>
        </div>
      )}
      {sent.isPending ? <Loading what="sent post" /> : sent.isError ? <Problem error={sent.error} retry={() => sent.refetch()} /> : sent.data.items.length === 0 ? (
        <p className="notice">{office ? 'Nothing has been sent in this office\'s name yet.' : 'You have not sent anything yet.'}</p>
      ) : (
        <>
          <table className="table post-table">
            <caption className="visually-hidden">Sent messages, newest first</caption>
            <thead><tr><th scope="col">Precedence</th><th scope="col">Subject</th><th scope="col">From</th><th scope="col">Accepted</th><th scope="col">Copies</th></tr></thead>
            <tbody>
              {sent.data.items.map((m) => (
                <tr key={m.id}>
                  <td data-label="Precedence"><PrecedenceBadge precedence={m.precedence} /></td>
                  <MessageSubject m={m}><div className="muted small">{m.code}</div></MessageSubject>
                  <td data-label="From"><Sender person={m.sender} office={m.fromOffice} /></td>
                  <td data-label="Accepted">{villageTime(m.acceptedAt)}</td>
                  <td data-label="Copies">
                    <ul className="post-sent-copies">
                      {m.deliveries.map((d) => <li key={d.id}>{recipientWords(d)}: {STATE_WORDS[d.state]}</li>)}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination total={sent.data.total} limit={LIMIT} offset={offset} onPage={setOffset} />
        </>
      )}
      <p className="hint">Times are village time (UTC+03:00).</p>
    </div>
  );
}
