// Task: see what has arrived for me, most urgent first, and open it. Unread counts per precedence
// sit above the list (a tally to click as a filter); a search looks through subjects and bodies.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { ClassificationTag, Loading, Pagination, Problem } from '../../shared/ui.tsx';
import { MessageSubject, OfficeName, PostHead, PrecedenceBadge, Sender, villageTime } from './parts.tsx';
import { PRECEDENCES, PRECEDENCE_WORDS, STATE_WORDS, type DraftSummary, type PigeonHole, type Precedence } from './types.ts';

const STATES = [['all', 'All'], ['unread', 'Unread'], ['read', 'Read'], ['acknowledged', 'Acknowledged'], ['actioned', 'Actioned']] as const;
const LIMIT = 25;
const DRAFTS_LIMIT = 25;

export function PigeonHolePage() {
  const session = useSession();
  const [state, setState] = useState<(typeof STATES)[number][0]>('all');
  const [precedence, setPrecedence] = useState<Precedence | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [draftsOffset, setDraftsOffset] = useState(0);
  const hole = useQuery({
    queryKey: ['post', 'pigeon-hole', state, precedence, q, offset],
    queryFn: () => api<PigeonHole>(`/api/post/pigeon-hole${qs({ state, precedence: precedence || undefined, q: q.trim() || undefined, limit: LIMIT, offset })}`),
  });
  const drafts = useQuery({ queryKey: ['post', 'drafts', draftsOffset], enabled: session.can('post.send'), queryFn: () => api<{ items: DraftSummary[]; total: number }>(`/api/post/drafts${qs({ limit: DRAFTS_LIMIT, offset: draftsOffset })}`) });
  return (
    <div className="post">
      <PostHead title="Pigeon hole" current="received" />
      <p className="lede">Hawk post delivered to you, the most urgent first. A message is marked read only when you open it and say so.</p>
      {hole.data && (
        <div className="post-unread" role="group" aria-label="Unread, by precedence">
          {PRECEDENCES.map((p) => (
            <button key={p} type="button" className={`tally-item post-unread-${p}`} aria-pressed={precedence === p}
              onClick={() => { setPrecedence(precedence === p ? '' : p); setOffset(0); }}>
              <span className="tally-n">{hole.data.unread[p]}</span> {PRECEDENCE_WORDS[p]} unread
            </button>
          ))}
        </div>
      )}
      <form className="post-filters" role="search" onSubmit={(e) => { e.preventDefault(); setOffset(0); }}>
        <div className="sar-filter" role="group" aria-label="Show messages">
          {STATES.map(([v, l]) => (
            <button key={v} type="button" className="tally-item" aria-pressed={state === v} onClick={() => { setState(v); setOffset(0); }}>{l}</button>
          ))}
        </div>
        <label htmlFor="post-q" className="visually-hidden">Search subjects and bodies</label>
        <input id="post-q" type="search" placeholder="Search subjects and bodies" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} />
      </form>
      {hole.isPending ? <Loading what="your pigeon hole" /> : hole.isError ? <Problem error={hole.error} retry={() => hole.refetch()} /> : hole.data.items.length === 0 ? (
        <p className="notice">{state === 'all' && !precedence && !q ? 'Nothing has arrived for you yet.' : 'No message matches: clear the filters to see them all.'}</p>
      ) : (
        <>
          <table className="table post-table">
            <caption className="visually-hidden">Messages delivered to you, most urgent first, then newest</caption>
            <thead><tr><th scope="col">Precedence</th><th scope="col">Subject</th><th scope="col">From</th><th scope="col">Delivered</th><th scope="col">State</th></tr></thead>
            <tbody>
              {hole.data.items.map((m) => (
                <tr key={m.delivery.id} className={m.delivery.state === 'delivered' ? 'post-unread-row' : undefined}>
                  <td data-label="Precedence"><PrecedenceBadge precedence={m.precedence} /></td>
                  <MessageSubject m={m}>
                    {m.actionRequested && <span className="badge badge-action">action requested</span>}
                    <div className="muted small">{m.code}{'office' in m.delivery.recipient && <> · to <strong className="post-to-office"><OfficeName office={m.delivery.recipient.office} /></strong></>}</div>
                  </MessageSubject>
                  <td data-label="From"><Sender person={m.sender} office={m.fromOffice} />{m.fromVillage !== 'suna' && <span className="muted small"> ({m.fromVillage})</span>}</td>
                  <td data-label="Delivered">{villageTime(m.delivery.deliveredAt)}</td>
                  <td data-label="State">{m.delivery.state === 'delivered' ? <strong>unread</strong> : STATE_WORDS[m.delivery.state]}{m.delivery.escalatedAt && <span className="badge badge-overdue">escalated</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination total={hole.data.total} limit={LIMIT} offset={offset} onPage={setOffset} />
        </>
      )}
      {drafts.data && drafts.data.total > 0 && (
        <section className="panel post-drafts" aria-labelledby="post-drafts-h">
          <h2 id="post-drafts-h">Drafts ({drafts.data.total})</h2>
          <p className="hint">Messages you have not sent yet. Only you see them.</p>
          <ul>
            {drafts.data.items.map((d) => (
              <li key={d.id}>
                <PrecedenceBadge precedence={d.precedence} /> <Link to={`/post/compose?draft=${d.id}`}>{d.subject}</Link>{' '}
                <ClassificationTag classification={d.classification} compartments={d.compartments} />
                <span className="muted small"> to {d.to.length === 0 ? 'nobody yet' : `${d.to.length} recipient${d.to.length === 1 ? '' : 's'}`}, saved {villageTime(d.updatedAt)}</span>
              </li>
            ))}
          </ul>
          <Pagination total={drafts.data.total} limit={DRAFTS_LIMIT} offset={draftsOffset} onPage={setDraftsOffset} />
        </section>
      )}
      <p className="hint">Times are village time (UTC+03:00).</p>
    </div>
  );
}
