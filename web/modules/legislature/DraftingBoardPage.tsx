// Task: see whose drafts are awaited and which are late — open drafting assignments by due date,
// the overdue first and in red with how many days late, each with its drafter and its bill.
import { Link } from 'react-router';
import { ClassificationTag, Loading, Problem, formatDate } from '../../shared/ui.tsx';
import { useBills, villageToday } from './queries.ts';
import { PersonName, StageBadge, dueWords, lateWords } from './BillParts.tsx';

export function DraftingBoardPage() {
  const board = useBills({ drafting: 'open', limit: 200 });
  const today = villageToday();
  const items = board.data?.items ?? [];
  const late = items.filter((b) => b.drafting?.overdue).length;
  return (
    <div className="drafting-board">
      <h1>Drafting board</h1>
      <p className="lede">Drafts still to be handed in, soonest due first: the late ones lead, in red. Mark a draft handed in from its bill’s page (“Edit the drafting assignment”).</p>
      {board.isPending ? <Loading what="the drafting board" /> : board.isError ? <Problem error={board.error} retry={() => board.refetch()} /> : items.length === 0 ? (
        <p className="notice">No draft is awaited: every bill with a drafting assignment has been handed in. <Link to="/bills">All bills</Link></p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {board.data.total} {board.data.total === 1 ? 'draft' : 'drafts'} awaited{late ? <>, <strong className="overdue-text">{late} overdue</strong></> : ', none overdue'}.
          </p>
          <table className="table drafting-table">
            <caption className="visually-hidden">Open drafting assignments, soonest due first</caption>
            <thead><tr><th scope="col">Due</th><th scope="col">Bill</th><th scope="col">Drafter</th><th scope="col">Stage</th></tr></thead>
            <tbody>
              {items.map((b) => {
                const d = b.drafting!;
                return (
                  <tr key={b.code} className={d.overdue ? 'row-overdue' : undefined}>
                    <td data-label="Due" className="due-cell">
                      <strong>{formatDate(d.due)}</strong>
                      <div className={d.overdue ? 'overdue-text' : 'muted small'}>{d.overdue ? <><span aria-hidden="true">⚠ </span>overdue · {lateWords(d.daysLate)}</> : d.due ? dueWords(d.due, today) : ''}</div>
                    </td>
                    <th scope="row" data-label="Bill">
                      <Link to={`/bills/${b.code}`} className="bill-code">{b.code}</Link> <ClassificationTag classification={b.classification} compartments={b.compartments} />
                      <div className="bill-title">{b.title}</div>
                    </th>
                    <td data-label="Drafter"><PersonName person={d.drafter} /></td>
                    <td data-label="Stage"><StageBadge stage={b.stage} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {board.data.total > items.length && <p className="muted">Showing the first {items.length} of {board.data.total}.</p>}
        </>
      )}
    </div>
  );
}
