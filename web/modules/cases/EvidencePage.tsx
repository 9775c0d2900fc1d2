// Task: see an item of evidence and where it has been, and hand it over. The chain of custody is
// drawn link by link from its collection (who released it, who received it, when, why, in what
// condition, seal, both confirmations, a digital item's hash checked again); a link the rules
// would refuse is flagged in red with the reason. Only the item's current custodian is offered
// "Release to…": the server refuses anyone else, and audits the attempt. A release waits, shown
// above the chain, until its receiver confirms it in their own name (or declines it; the releaser
// may withdraw it): only then does custody pass.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { isWithheld } from '../../app/types.ts';
import { PersonLookup, type Picked } from '../../shared/person-lookup.tsx';
import { Breadcrumbs, ErrorSummary, Field, Loading, Problem, fieldError } from '../../shared/ui.tsx';
import { instantFromVillage, personName, villageLocal, villageTime } from './case-words.ts';
import { casePath, useCasesWrite, useEvidence } from './queries.ts';
import { CaseStateBadge, Refusal, Who } from './parts.tsx';
import { DISPOSITIONS, DISPOSITION_WORDS, type Evidence, type Handover, type Transfer } from './types.ts';

export function EvidencePage() {
  const { ref = '' } = useParams();
  const session = useSession();
  const q = useEvidence(ref);
  const [releasing, setReleasing] = useState(false);
  if (q.isPending) return <Loading what="the item" />;
  if (q.isError) return <div className="cases"><Breadcrumbs trail={[['Cases', '/cases'], ['Evidence']]} /><Problem error={q.error} retry={() => q.refetch()} /></div>;
  const e = q.data;
  const holder = !isWithheld(e.custodian) && e.custodian.id === session.user?.personId && session.can('cases.custody') && !e.handover;
  const broken = e.chainBreaks.length > 0;
  const mayDispose = session.can('cases.write') && !e.handover && !(e.disposition && GONE.has(e.disposition));
  const disposition = <DispositionForm item={e} holder={!isWithheld(e.custodian) && e.custodian.id === session.user?.personId} />;
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
      {e.handover && <PendingHandover item={e} handover={e.handover} mayAct={session.can('cases.custody')} />}
      <dl className="facts cases-facts">
        <div><dt>Quantity</dt><dd>{e.quantity}</dd></div>
        <div><dt>Condition</dt><dd>{e.condition}</dd></div>
        <div><dt>Seal number</dt><dd>{e.sealNumber ?? 'none'}</dd></div>
        <div><dt>Collected</dt><dd>{villageTime(e.collectedAt)} by <Who person={e.collectedBy} />, at {e.collectedWhere}</dd></div>
        <div><dt>Stored at</dt><dd>{e.storageLocation ?? 'not recorded'}</dd></div>
        {e.sha256 && <div><dt>SHA-256 (digital item)</dt><dd><code className="cases-hash">{e.sha256}</code></dd></div>}
        <div><dt>Current custodian</dt><dd><Who person={e.custodian} />{(holder || e.handover?.youReleased) && <strong> (you)</strong>}</dd></div>
        <div><dt>Disposition</dt><dd>{e.disposition ? DISPOSITION_WORDS[e.disposition as keyof typeof DISPOSITION_WORDS] ?? e.disposition : e.case.state === 'closed' ? 'needed: the case is closed' : 'none while the case runs'}</dd></div>
      </dl>
      {/* Needed once the case is closed: then first, where the clerk is looking; while it runs, after the chain. */}
      {mayDispose && e.case.state === 'closed' && disposition}
      <section aria-labelledby="chain-h">
        <h2 id="chain-h">Chain of custody</h2>
        <p className={broken ? 'notice notice-error' : 'notice notice-success'} role="status">
          {broken ? `The chain is broken at ${e.chainBreaks.length === 1 ? '1 link' : `${e.chainBreaks.length} links`}: see the links marked in red.`
            : e.chain.length === 0 ? 'Never handed over: its collector holds it.'
              : `The chain is unbroken: ${e.chain.length === 1 ? '1 hand-over' : `${e.chain.length} hand-overs`} since collection.`}
        </p>
        <CustodyChain item={e} />
      </section>
      {mayDispose && e.case.state !== 'closed' && disposition}
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

/**
 * A release awaiting its receiver: what was released, when and in what state. The receiver
 * confirms it as they find it (condition, seal, a digital item's hash computed now) or declines it
 * with a reason; the releaser may withdraw it; everyone else sees that it waits.
 */
function PendingHandover({ item, handover: h, mayAct }: { item: Evidence; handover: Handover; mayAct: boolean }) {
  const [declining, setDeclining] = useState(false);
  const path = (what: string) => () => `/api/cases/evidence/${encodeURIComponent(item.id)}/${what}`;
  const receipt = useCasesWrite<Record<string, unknown>, Evidence>(path('receipt'));
  const decline = useCasesWrite<Record<string, unknown>, Evidence>(path('decline'));
  const withdraw = useCasesWrite<Record<string, unknown>, Evidence>(path('withdraw'));
  const onReceive = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const body: Record<string, unknown> = { condition: String(f.get('condition') ?? ''), sealIntact: f.get('sealIntact') === 'on' };
    const sha = String(f.get('sha256') ?? '').trim();
    if (sha) body.sha256 = sha;
    receipt.mutate(body);
  };
  const onEnd = (write: typeof decline) => (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    write.mutate({ reason: String(new FormData(ev.currentTarget).get('reason') ?? '') });
  };
  const err = receipt.error ?? decline.error ?? withdraw.error;
  return (
    <section className="panel cases-handover" aria-labelledby="handover-h">
      <h2 id="handover-h">{h.youReceive ? 'Released to you: confirm what you received' : 'Awaiting receipt'}</h2>
      <p>
        <Who person={h.releasedBy} /> released it to {h.youReceive ? 'you' : <Who person={h.receivedBy} />} at <time dateTime={h.releasedAt}>{villageTime(h.releasedAt)}</time>.
        Purpose: {h.purpose}. Condition as released: {h.condition}; seal {h.sealIntact ? 'intact' : 'not intact'}.
      </p>
      <p className="hint">Custody passes only when {h.youReceive ? 'you confirm' : 'the receiver confirms'} receipt, in {h.youReceive ? 'your' : 'their'} own name. Until then <Who person={item.custodian} /> holds it.</p>
      {h.youReceive && mayAct && !declining && (
        <form onSubmit={onReceive} aria-label="Confirm receipt" noValidate>
          <ErrorSummary error={receipt.error && (receipt.error as { details?: unknown[] }).details?.length ? receipt.error : null} fieldIds={{ condition: 'receipt-condition', sha256: 'receipt-sha' }} />
          <Field id="receipt-condition" label="Condition as you found it" error={fieldError(receipt.error, 'condition')}>
            <input id="receipt-condition" name="condition" type="text" defaultValue={h.condition} />
          </Field>
          {item.sha256 && (
            <Field id="receipt-sha" label="SHA-256 you computed on receipt" hint="Compute it from the copy in your hands: a copy that differs is refused." error={fieldError(receipt.error, 'sha256')}>
              <input id="receipt-sha" name="sha256" type="text" className="cases-hash" spellCheck={false} autoComplete="off" />
            </Field>
          )}
          <div className="check"><input type="checkbox" id="receipt-seal" name="sealIntact" defaultChecked={h.sealIntact} /><label htmlFor="receipt-seal">The seal is intact</label></div>
          <div className="actions">
            <button className="button" type="submit" disabled={receipt.isPending}>{receipt.isPending ? 'Recording…' : 'I confirm receipt'}</button>
            <button className="button secondary" type="button" onClick={() => setDeclining(true)}>Decline…</button>
          </div>
        </form>
      )}
      {h.youReceive && mayAct && declining && (
        <form onSubmit={onEnd(decline)} aria-label="Decline the release" noValidate>
          <Field id="decline-reason" label="Why you decline it" error={fieldError(decline.error, 'reason')}>
            <input id="decline-reason" name="reason" type="text" />
          </Field>
          <div className="actions">
            <button className="button" type="submit" disabled={decline.isPending}>Decline it</button>
            <button className="link-button" type="button" onClick={() => setDeclining(false)}>Back</button>
          </div>
        </form>
      )}
      {h.youReleased && mayAct && (
        <form onSubmit={onEnd(withdraw)} aria-label="Withdraw the release" className="cases-withdraw" noValidate>
          <Field id="withdraw-reason" label="Withdraw it: why" error={fieldError(withdraw.error, 'reason')}>
            <input id="withdraw-reason" name="reason" type="text" />
          </Field>
          <button className="button secondary" type="submit" disabled={withdraw.isPending}>Withdraw the release</button>
        </form>
      )}
      <Refusal error={err && !(err as { details?: unknown[] }).details?.length ? err : null} />
    </section>
  );
}

const FIELD_IDS = { receivedBy: 'release-to', at: 'release-at', purpose: 'release-purpose', condition: 'release-condition', sealIntact: 'release-seal', sha256: 'release-sha' };

/** The release form: to whom, when, why, in what condition; the seal; a digital item's hash. The receiver confirms on their own. */
function ReleaseForm({ item, onDone }: { item: Evidence; onDone: () => void }) {
  const [to, setTo] = useState<Picked | null>(null);
  const release = useCasesWrite<Record<string, unknown>, Evidence>(() => `/api/cases/evidence/${encodeURIComponent(item.id)}/transfers`);
  const onSubmit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const body: Record<string, unknown> = {
      receivedBy: to?.id ?? '', at: instantFromVillage(String(f.get('at') ?? '')), purpose: String(f.get('purpose') ?? ''), condition: String(f.get('condition') ?? ''),
      sealIntact: f.get('sealIntact') === 'on', releaserConfirmed: f.get('releaserConfirmed') === 'on',
    };
    const sha = String(f.get('sha256') ?? '').trim();
    if (sha) body.sha256 = sha;
    release.mutate(body, { onSuccess: onDone });
  };
  const err = release.error;
  return (
    <form className="panel cases-release" onSubmit={onSubmit} aria-labelledby="release-h" noValidate>
      <h2 id="release-h">Release {item.code}</h2>
      <p className="hint">You, {personName(item.custodian)}, hold it now, and keep it until the receiver confirms its receipt in their own name (it goes on their desk).</p>
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
      <Field id="release-condition" label="Condition as you hand it over" error={fieldError(err, 'condition')}>
        <input id="release-condition" name="condition" type="text" defaultValue={item.condition} />
      </Field>
      {item.sha256 && (
        <Field id="release-sha" label="SHA-256 computed at the hand-over" hint="A digital item's hash is checked again at every transfer." error={fieldError(err, 'sha256')}>
          <input id="release-sha" name="sha256" type="text" className="cases-hash" spellCheck={false} autoComplete="off" />
        </Field>
      )}
      <fieldset className="fieldset">
        <legend>Seal and your confirmation</legend>
        <div className="check"><input type="checkbox" id="release-seal" name="sealIntact" defaultChecked /><label htmlFor="release-seal">The seal is intact</label></div>
        <div className="check"><input type="checkbox" id="release-released" name="releaserConfirmed" defaultChecked /><label htmlFor="release-released">I confirm I release it</label></div>
      </fieldset>
      <Refusal error={err && !(err as { details?: unknown[] }).details?.length ? err : null} />
      <div className="actions">
        <button className="button" type="submit" disabled={release.isPending}>{release.isPending ? 'Recording…' : 'Release it'}</button>
        <button className="link-button" type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** Dispositions after which the village no longer holds the item: done with it in hand, so by its holder only, and final. */
const GONE: ReadonlySet<string> = new Set(['destroyed', 'returned_to_owner', 'handed_to_another_village']);

/**
 * What became of the item. Retained as a record or forfeited to the village, anyone who may write
 * to the case records it; destroyed, returned or handed to another village is done with the item
 * in hand, so only its holder is offered those (the server refuses anyone else, and audits it).
 */
function DispositionForm({ item, holder }: { item: Evidence; holder: boolean }) {
  const dispose = useCasesWrite<{ disposition: string }, Evidence>(() => `/api/cases/evidence/${encodeURIComponent(item.id)}/disposition`);
  const choices = DISPOSITIONS.filter((d) => holder || !GONE.has(d) || d === item.disposition);
  const [choice, setChoice] = useState<string>(item.disposition ?? choices[0]!);
  const onSubmit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    dispose.mutate({ disposition: choice });
  };
  return (
    <form className={item.case.state === 'closed' ? 'panel cases-disposition' : 'cases-disposition'} onSubmit={onSubmit} aria-labelledby="disposition-h" noValidate>
      <h2 id="disposition-h">Record its disposition</h2>
      <p className="hint">
        {item.case.state === 'closed' ? 'The case is closed: each of its items needs a disposition. ' : 'Needed once the case is closed; it may be recorded before. '}
        {!holder && <>Destroyed, returned to its owner or handed to another village: only its holder, {personName(item.custodian)}, records that.</>}
      </p>
      <Field id="disposition" label="Disposition">
        <select id="disposition" name="disposition" value={choice} onChange={(ev) => setChoice(ev.currentTarget.value)}>
          {choices.map((d) => <option key={d} value={d}>{DISPOSITION_WORDS[d]}</option>)}
        </select>
      </Field>
      <Refusal error={dispose.error} />
      <div className="actions">
        <button className="button" type="submit" disabled={dispose.isPending}>{dispose.isPending ? 'Recording…' : 'Record the disposition'}</button>
      </div>
    </form>
  );
}
