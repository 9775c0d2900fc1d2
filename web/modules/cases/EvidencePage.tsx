// Task: see an item of evidence and where it has been, and hand it over. The chain of custody is
// drawn link by link from its collection (who released it, who received it, when, why, in what
// condition, seal, both confirmations, a digital item's hash checked again); a link the rules
// would refuse is flagged in red with the reason. Only the item's current custodian is offered
// "Release to…": the server refuses anyone else, and audits the attempt.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { isWithheld } from '../../app/types.ts';
import { PersonLookup, type Picked } from '../../shared/person-lookup.tsx';
import { Breadcrumbs, ErrorSummary, Field, Loading, Problem, fieldError } from '../../shared/ui.tsx';
import { instantFromVillage, personName, villageLocal, villageTime } from './case-words.ts';
import { casePath, useCasesWrite, useEvidence } from './queries.ts';
import { CaseStateBadge, Refusal, Who } from './parts.tsx';
import { DISPOSITION_WORDS, type Evidence, type Transfer } from './types.ts';

export function EvidencePage() {
  const { ref = '' } = useParams();
  const session = useSession();
  const q = useEvidence(ref);
  const [releasing, setReleasing] = useState(false);
  if (q.isPending) return <Loading what="the item" />;
  if (q.isError) return <div className="cases"><Breadcrumbs trail={[['Cases', '/cases'], ['Evidence']]} /><Problem error={q.error} retry={() => q.refetch()} /></div>;
  const e = q.data;
  const holder = !isWithheld(e.custodian) && e.custodian.id === session.user?.personId && session.can('cases.custody');
  const broken = e.chainBreaks.length > 0;
  return (
    <article className="cases evidence-page">
      <Breadcrumbs trail={[['Cases', '/cases'], [e.case.code, casePath(e.case.code)], [e.code]]} />
      <h1>{e.description}</h1>
      <p className="cases-sub">
        <span className="cases-code">{e.code}</span> · case <Link to={casePath(e.case.code)}>{e.case.code}</Link> <CaseStateBadge state={e.case.state} />
      </p>
      <div className="actions cases-item-actions">
        <Link className="button secondary" to={`/cases/evidence/${encodeURIComponent(e.id)}/print`}>Printable custody report</Link>
        {holder && !releasing && <button type="button" className="button" onClick={() => setReleasing(true)}>Release to…</button>}
      </div>
      {holder && releasing && <ReleaseForm item={e} onDone={() => setReleasing(false)} />}
      <dl className="facts cases-facts">
        <div><dt>Quantity</dt><dd>{e.quantity}</dd></div>
        <div><dt>Condition</dt><dd>{e.condition}</dd></div>
        <div><dt>Seal number</dt><dd>{e.sealNumber ?? 'none'}</dd></div>
        <div><dt>Collected</dt><dd>{villageTime(e.collectedAt)} by <Who person={e.collectedBy} />, at {e.collectedWhere}</dd></div>
        <div><dt>Stored at</dt><dd>{e.storageLocation ?? 'not recorded'}</dd></div>
        {e.sha256 && <div><dt>SHA-256 (digital item)</dt><dd><code className="cases-hash">{e.sha256}</code></dd></div>}
        <div><dt>Current custodian</dt><dd><Who person={e.custodian} />{holder && <strong> (you)</strong>}</dd></div>
        <div><dt>Disposition</dt><dd>{e.disposition ? DISPOSITION_WORDS[e.disposition as keyof typeof DISPOSITION_WORDS] ?? e.disposition : e.case.state === 'closed' ? 'needed: the case is closed' : 'none while the case runs'}</dd></div>
      </dl>
      <section aria-labelledby="chain-h">
        <h2 id="chain-h">Chain of custody</h2>
        <p className={broken ? 'notice notice-error' : 'notice notice-success'} role="status">
          {broken ? `The chain is broken at ${e.chainBreaks.length === 1 ? '1 link' : `${e.chainBreaks.length} links`}: see the links marked in red.`
            : e.chain.length === 0 ? 'Never handed over: its collector holds it.'
              : `The chain is unbroken: ${e.chain.length === 1 ? '1 hand-over' : `${e.chain.length} hand-overs`} since collection.`}
        </p>
        <CustodyChain item={e} />
      </section>
      <p className="hint">Times are village time (UTC+03:00).</p>
    </article>
  );
}

function CustodyChain({ item }: { item: Evidence }) {
  const breakAt = new Map(item.chainBreaks.map((b) => [b.index, b.problem]));
  return (
    <ol className="custody-chain">
      <li className="custody-node custody-start">
        <p className="custody-who"><strong>Collected</strong> by <Who person={item.collectedBy} /></p>
        <p className="muted small"><time dateTime={item.collectedAt}>{villageTime(item.collectedAt)}</time> · {item.collectedWhere}</p>
      </li>
      {item.chain.map((t, i) => <ChainLink key={t.seq} t={t} item={item} problem={breakAt.get(i)} />)}
    </ol>
  );
}

const yes = (ok: boolean, yesWords: string, noWords: string) => <span className={ok ? 'custody-ok' : 'custody-bad'}>{ok ? `✓ ${yesWords}` : `✗ ${noWords}`}</span>;

function ChainLink({ t, item, problem }: { t: Transfer; item: Evidence; problem: string | undefined }) {
  return (
    <li className={`custody-node${problem ? ' custody-break' : ''}`} aria-label={`Transfer ${t.seq}${problem ? ', chain broken here' : ''}`}>
      <p className="custody-who">
        <span className="custody-seq">{t.seq}.</span> <Who person={t.releasedBy} /> <span aria-hidden="true">→</span><span className="visually-hidden"> released to </span> <Who person={t.receivedBy} />
      </p>
      <p className="muted small"><time dateTime={t.at}>{villageTime(t.at)}</time> · {t.purpose}</p>
      <p className="small">Condition: {t.condition}</p>
      <ul className="custody-checks">
        <li>{yes(t.sealIntact, 'seal intact', 'seal not intact')}</li>
        <li>{yes(t.releaserConfirmed, 'released, confirmed', 'release not confirmed')}</li>
        <li>{yes(t.receiverConfirmed, 'received, confirmed', 'receipt not confirmed')}</li>
        {item.sha256 && <li>{t.sha256 && t.sha256.toLowerCase() === item.sha256.toLowerCase() ? yes(true, 'hash re-verified', '') : yes(false, '', t.sha256 ? 'hash differs' : 'hash not checked')}</li>}
      </ul>
      {problem && <p className="custody-problem" role="note"><strong>Chain broken:</strong> {problem}</p>}
    </li>
  );
}

const FIELD_IDS = { receivedBy: 'release-to', at: 'release-at', purpose: 'release-purpose', condition: 'release-condition', sealIntact: 'release-seal', receiverConfirmed: 'release-received', sha256: 'release-sha' };

/** The hand-over form: to whom, when, why, in what condition; the seal; both confirmations; a digital item's hash. */
function ReleaseForm({ item, onDone }: { item: Evidence; onDone: () => void }) {
  const [to, setTo] = useState<Picked | null>(null);
  const release = useCasesWrite<Record<string, unknown>, Evidence>(() => `/api/cases/evidence/${encodeURIComponent(item.id)}/transfers`);
  const onSubmit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const body: Record<string, unknown> = {
      receivedBy: to?.id ?? '', at: instantFromVillage(String(f.get('at') ?? '')), purpose: String(f.get('purpose') ?? ''), condition: String(f.get('condition') ?? ''),
      sealIntact: f.get('sealIntact') === 'on', releaserConfirmed: f.get('releaserConfirmed') === 'on', receiverConfirmed: f.get('receiverConfirmed') === 'on',
    };
    const sha = String(f.get('sha256') ?? '').trim();
    if (sha) body.sha256 = sha;
    release.mutate(body, { onSuccess: onDone });
  };
  const err = release.error;
  return (
    <form className="panel cases-release" onSubmit={onSubmit} aria-labelledby="release-h" noValidate>
      <h2 id="release-h">Release {item.code}</h2>
      <p className="hint">You, {personName(item.custodian)}, hold it now. Both of you confirm the hand-over: you release it, the receiver signs for it.</p>
      <ErrorSummary error={err && (err as { details?: unknown[] }).details?.length ? err : null} fieldIds={FIELD_IDS} />
      {to ? (
        <div className="field">
          <p className="cases-picked">To <strong>{to.name}</strong> <button type="button" className="link-button" onClick={() => setTo(null)}>change</button></p>
        </div>
      ) : <PersonLookup id="release-to" label="Release to" hint="The person receiving it: type two letters of their name." error={fieldError(err, 'receivedBy')} onPick={setTo} />}
      <Field id="release-at" label="When (village time)" error={fieldError(err, 'at')}>
        <input id="release-at" name="at" type="datetime-local" defaultValue={villageLocal(new Date().toISOString())} />
      </Field>
      <Field id="release-purpose" label="Purpose" error={fieldError(err, 'purpose')}>
        <input id="release-purpose" name="purpose" type="text" />
      </Field>
      <Field id="release-condition" label="Condition on receipt" error={fieldError(err, 'condition')}>
        <input id="release-condition" name="condition" type="text" defaultValue={item.condition} />
      </Field>
      {item.sha256 && (
        <Field id="release-sha" label="SHA-256 computed at the hand-over" hint="A digital item's hash is checked again at every transfer." error={fieldError(err, 'sha256')}>
          <input id="release-sha" name="sha256" type="text" className="cases-hash" spellCheck={false} autoComplete="off" />
        </Field>
      )}
      <fieldset className="fieldset">
        <legend>Seal and confirmations</legend>
        <div className="check"><input type="checkbox" id="release-seal" name="sealIntact" defaultChecked /><label htmlFor="release-seal">The seal is intact</label></div>
        <div className="check"><input type="checkbox" id="release-released" name="releaserConfirmed" defaultChecked /><label htmlFor="release-released">I confirm I release it</label></div>
        <div className="check"><input type="checkbox" id="release-received" name="receiverConfirmed" /><label htmlFor="release-received">The receiver confirms receipt</label></div>
      </fieldset>
      <Refusal error={err && !(err as { details?: unknown[] }).details?.length ? err : null} />
      <div className="actions">
        <button className="button" type="submit" disabled={release.isPending}>{release.isPending ? 'Recording…' : 'Record the hand-over'}</button>
        <button className="link-button" type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
