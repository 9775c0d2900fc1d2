// Task: print an item's chain-of-custody report, to file with the evidence or hand to a court.
// The page is the report alone: printed, the site's navigation and footer drop away, it is black
// on white, no transfer is split across a page break, and a classified report's marking is
// repeated at the top and bottom of every printed page, as a paper copy must be (cases.css, @media print).
import { Link, useParams } from 'react-router';
import { isWithheld } from '../../app/types.ts';
import { Loading, Problem } from '../../shared/ui.tsx';
import { personName, villageTime } from './case-words.ts';
import { evidencePath, useEvidence } from './queries.ts';
import { CASE_STATE_WORDS, DISPOSITION_WORDS } from './types.ts';

const tick = (ok: boolean) => (ok ? 'yes' : 'NO');

/** The marking a classified paper bears at its top and bottom (SECRET / BREACH), as the server words it. */
const Marking = ({ marking }: { marking: string }) => <tr><td><p className="custody-print-marking">{marking}</p></td></tr>;

export function CustodyPrintPage() {
  const { ref = '' } = useParams();
  const q = useEvidence(ref);
  if (q.isPending) return <Loading what="the custody report" />;
  if (q.isError) return <Problem error={q.error} />;
  const e = q.data;
  const breaks = new Map(e.chainBreaks.map((b) => [b.index, b.problem]));
  return (
    <article className="custody-print">
      <div className="custody-print-tools no-print">
        <Link to={evidencePath(e.id)}>← Back to the item</Link>
        <button type="button" className="button" onClick={() => window.print()}>Print</button>
      </div>
      {/* The sheet is a layout table because a printed table repeats its head and foot on every
          page it spans (Chromium does so for thead and tfoot elements only): the marking with them. */}
      <table className="custody-print-sheet" role="presentation">
        {e.case.marking && <thead><Marking marking={e.case.marking} /></thead>}
        {e.case.marking && <tfoot><Marking marking={e.case.marking} /></tfoot>}
        <tbody><tr><td>
          <header>
            <p className="custody-print-org">Sunagakure — evidence register</p>
            <h1>Chain-of-custody report: {e.code}</h1>
            <p>Case {e.case.code} ({CASE_STATE_WORDS[e.case.state] ?? e.case.state}) · printed {villageTime(new Date().toISOString())} (village time, UTC+03:00)</p>
          </header>
          <section aria-labelledby="print-item-h">
            <h2 id="print-item-h">The item</h2>
            <table className="custody-print-facts">
              <tbody>
                <tr><th scope="row">Description</th><td>{e.description}</td></tr>
                <tr><th scope="row">Quantity</th><td>{e.quantity}</td></tr>
                <tr><th scope="row">Condition at collection</th><td>{e.condition}</td></tr>
                <tr><th scope="row">Seal number</th><td>{e.sealNumber ?? 'none'}</td></tr>
                <tr><th scope="row">Collected</th><td>{villageTime(e.collectedAt)} by {personName(e.collectedBy)}, at {e.collectedWhere}</td></tr>
                {e.sha256 && <tr><th scope="row">SHA-256</th><td><code>{e.sha256}</code></td></tr>}
                <tr><th scope="row">Storage</th><td>{e.storageLocation ?? 'not recorded'}</td></tr>
                <tr><th scope="row">Disposition</th><td>{e.disposition ? DISPOSITION_WORDS[e.disposition as keyof typeof DISPOSITION_WORDS] ?? e.disposition : 'none'}</td></tr>
              </tbody>
            </table>
          </section>
          <section aria-labelledby="print-chain-h">
            <h2 id="print-chain-h">Transfers</h2>
            {e.chain.length === 0 ? <p>Never handed over: held by its collector since collection.</p> : (
              <table className="custody-print-chain">
                <thead>
                  <tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Released by</th><th scope="col">Received by</th><th scope="col">Purpose</th><th scope="col">Condition</th><th scope="col">Seal intact</th><th scope="col">Confirmed (released / received)</th>{e.sha256 && <th scope="col">Hash re-verified</th>}</tr>
                </thead>
                <tbody>
                  {e.chain.map((t, i) => (
                    <tr key={t.seq} className={breaks.has(i) ? 'custody-print-break' : undefined}>
                      <td>{t.seq}</td>
                      <td>{villageTime(t.at)}</td>
                      <td>{personName(t.releasedBy)}</td>
                      <td>{personName(t.receivedBy)}</td>
                      <td>{t.purpose}</td>
                      <td>{t.condition}</td>
                      <td>{tick(t.sealIntact)}</td>
                      <td>{tick(t.releaserConfirmed)} / {tick(t.receiverConfirmed)}</td>
                      {e.sha256 && <td>{tick(!!t.sha256 && t.sha256.toLowerCase() === e.sha256.toLowerCase())}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="print-verdict-h" className="custody-print-verdict">
            <h2 id="print-verdict-h">Verdict</h2>
            <p>Current custodian: <strong>{isWithheld(e.custodian) ? 'a person not shown at your clearance' : e.custodian.name}</strong></p>
            {e.handover && (
              <p>Awaiting receipt: released to <strong>{isWithheld(e.handover.receivedBy) ? 'a person not shown at your clearance' : e.handover.receivedBy.name}</strong> at {villageTime(e.handover.releasedAt)} (purpose: {e.handover.purpose}); custody passes when they confirm.</p>
            )}
            {e.chainBreaks.length === 0 ? <p><strong>The chain is unbroken.</strong></p> : (
              <>
                <p><strong>THE CHAIN IS BROKEN</strong> at {e.chainBreaks.length === 1 ? '1 link' : `${e.chainBreaks.length} links`}:</p>
                <ul>{e.chainBreaks.map((b) => <li key={b.index}>transfer {b.index + 1}: {b.problem}</li>)}</ul>
              </>
            )}
            <div className="custody-print-sign">
              <p>Checked by: ______________________________</p>
              <p>Date: ________________</p>
            </div>
          </section>
        </td></tr></tbody>
      </table>
    </article>
  );
}
