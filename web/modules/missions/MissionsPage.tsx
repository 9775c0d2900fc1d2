// Task: see which missions are planned, under way or done, and which owe a report. Filtered by
// status with the pressed buttons; a mark on any mission whose reports are past due.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ClassificationTag, Loading, Pagination, Problem, formatDate } from '../../shared/ui.tsx';
import { useMissions } from './queries.ts';
import { MissionStatusBadge, OverdueMark, PersonLink, useVillageWords } from './parts.tsx';
import { STATUSES, STATUS_WORDS, type MissionStatus } from './types.ts';

const EMPTY: Record<MissionStatus | '', string> = {
  '': 'No mission you may see has been planned yet.',
  planned: 'No mission is planned just now.',
  under_way: 'No mission is under way just now.',
  completed: 'No mission you may see has been completed.',
  failed: 'No mission you may see has failed.',
  aborted: 'No mission you may see was called off.',
};

export function MissionsPage() {
  const session = useSession();
  const villageWords = useVillageWords();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as MissionStatus) : '';
  const [offset, setOffset] = useState(0);
  const list = useMissions(status, offset);
  const choose = (s: MissionStatus | '') => {
    setOffset(0);
    setParams(s ? { status: s } : {}, { replace: true });
  };

  return (
    <div className="missions">
      <div className="page-head">
        <h1>Missions</h1>
        {session.can('missions.report.review') && <Link className="button secondary" to="/missions/queue">Review queue</Link>}
      </div>
      <p className="lede">Missions of the village: who went where, what happened, and whose after-action report is still owed.</p>

      <div className="missions-filter" role="group" aria-label="Show missions">
        {([['', 'All'], ...STATUSES.map((s) => [s, STATUS_WORDS[s].replace(/^./, (c) => c.toUpperCase())])] as [MissionStatus | '', string][]).map(([v, l]) => (
          <button key={v} type="button" className="tally-item" aria-pressed={status === v} onClick={() => choose(v)}>{l}</button>
        ))}
      </div>

      {list.isPending ? <Loading what="missions" /> : list.isError ? <Problem error={list.error} retry={() => list.refetch()} /> : list.data.items.length === 0 ? (
        <p className="notice">{EMPTY[status]}</p>
      ) : (
        <>
          <table className="table missions-table">
            <caption className="visually-hidden">Missions{status ? ` ${STATUS_WORDS[status]}` : ''}, latest planned start first</caption>
            <thead>
              <tr><th scope="col">Mission</th><th scope="col">Rank</th><th scope="col">Objective</th><th scope="col">Status</th><th scope="col">Dates</th><th scope="col">Leader</th></tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label="Mission">
                    <Link to={`/missions/${encodeURIComponent(m.code)}`}>{m.code}</Link> <ClassificationTag classification={m.classification} compartments={m.compartments} />
                    {m.overdueReports > 0 && <div><OverdueMark what={m.overdueReports === 1 ? 'report overdue' : `${m.overdueReports} reports overdue`} /></div>}
                  </th>
                  <td data-label="Rank"><span className="mission-rank" aria-label={`${m.rank}-rank`}>{m.rank}</span></td>
                  <td data-label="Objective">{m.objective}<div className="muted small">{villageWords(m.villages)} · for {m.client}</div></td>
                  <td data-label="Status"><MissionStatusBadge status={m.status} /></td>
                  <td data-label="Dates" className="nowrap"><MissionDates m={m} /></td>
                  <td data-label="Leader"><PersonLink person={m.leader} />{m.teamSize > 1 && <div className="muted small">team of {m.teamSize}</div>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination total={list.data.total} limit={50} offset={offset} onPage={setOffset} />
        </>
      )}
    </div>
  );
}

/** What happened when: as done once it set out, as planned until then. */
export function MissionDates({ m }: { m: { plannedStart: string; plannedEnd: string; startedOn: string | null; endedOn: string | null } }) {
  if (!m.startedOn && m.endedOn) return <>{formatDate(m.endedOn)}<div className="muted small">called off before it set out</div></>;
  if (!m.startedOn) return <>{formatDate(m.plannedStart)} – {formatDate(m.plannedEnd)}<div className="muted small">planned</div></>;
  return <>{formatDate(m.startedOn)} – {m.endedOn ? formatDate(m.endedOn) : <span className="muted">…</span>}{!m.endedOn && <div className="muted small">due back {formatDate(m.plannedEnd)}</div>}</>;
}
