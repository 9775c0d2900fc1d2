// Task (the aviary's keeper): see the hawks — waiting, in the order they will fly; in flight, with
// when each lands; landed today. Codes, precedence, villages and times only, never what they carry.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { Loading, Problem } from '../../shared/ui.tsx';
import { PrecedenceBadge, villageTime } from './parts.tsx';
import type { Aviary, AviaryHawk } from './types.ts';

export function AviaryPage() {
  const board = useQuery({ queryKey: ['post', 'aviary'], queryFn: () => api<Aviary>('/api/post/aviary') });
  if (board.isPending) return <Loading what="the aviary board" />;
  if (board.isError) return <Problem error={board.error} retry={() => board.refetch()} />;
  const b = board.data;
  return (
    <div className="post">
      <h1>Aviary board</h1>
      <p className="lede">Every hawk the aviary handles: the most urgent flies first. The board follows live.</p>
      <Hawks title="Waiting to fly" hawks={b.waiting} empty="No message is waiting." when={(h) => `accepted ${villageTime(h.acceptedAt)}, due ${villageTime(h.dueAt)}`} />
      <Hawks title="In flight" hawks={b.inFlight} empty="No hawk is in the air." when={(h) => `left ${villageTime(h.releasedAt)}, lands ${villageTime(h.eta)}`} />
      <Hawks title="Landed in the last day" hawks={b.arrived} empty="No hawk has landed in the last day." when={(h) => `landed ${villageTime(h.deliveredAt)}`} />
      {b.withheld > 0 && <p className="muted">Withheld ({b.withheld}): hawks carrying what your clearance does not cover.</p>}
      <p className="hint">Times are village time (UTC+03:00).</p>
    </div>
  );
}

function Hawks({ title, hawks, empty, when }: { title: string; hawks: AviaryHawk[]; empty: string; when: (h: AviaryHawk) => string }) {
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title} <span className="muted">({hawks.length})</span></h2>
      {hawks.length === 0 ? <p className="muted">{empty}</p> : (
        <ol className="aviary-list">
          {hawks.map((h) => (
            <li key={`${h.code}-${h.toVillage}-${h.acceptedAt}`}>
              <PrecedenceBadge precedence={h.precedence} /> <strong>{h.code}</strong> {h.fromVillage} → {h.toVillage} <span className="muted small">{when(h)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
