// Task: look a person up — who they are, their status over time, where they serve — and keep it current.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api.ts';
import { STATUSES, isWithheld, type Membership, type PersonDetail } from '../../app/types.ts';
import { Breadcrumbs, ClassificationTag, ErrorSummary, Field, FormActions, Loading, Problem, StatusBadge, WithheldRef, fieldError, filledFields, formatDate } from '../../shared/ui.tsx';
import { MembershipTimeline } from './MembershipTimeline.tsx';
import { PersonFields, readPersonForm, PERSON_FIELD_IDS } from './PersonForm.tsx';
import { useOrganizations } from './queries.ts';
import { LabelForm } from './LabelForm.tsx';
import { useSession } from '../../app/session.tsx';

const today = () => new Date().toISOString().slice(0, 10);

export function PersonPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  const qc = useQueryClient();
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash ?? null);
  const [panel, setPanel] = useState<'none' | 'status' | 'edit' | 'membership' | 'label'>('none');
  const person = useQuery({ queryKey: ['person', id], queryFn: () => api<PersonDetail>(`/api/registry/people/${encodeURIComponent(id)}`) });
  const done = (message: string) => {
    qc.invalidateQueries({ queryKey: ['person', id] });
    qc.invalidateQueries({ queryKey: ['people'] });
    setPanel('none');
    setFlash(message);
  };

  if (person.isPending) return <Loading what="person" />;
  if (person.isError) return <Problem error={person.error} retry={() => person.refetch()} />;
  const p = person.data;
  const current = p.memberships.filter((m) => !m.endDate || m.endDate >= today());
  const past = p.memberships.filter((m) => m.endDate && m.endDate < today());

  return (
    <div>
      <Breadcrumbs trail={[['People', '/people'], [p.displayName]]} />
      {flash && <div className="notice notice-success" role="status">{flash}</div>}
      <div className="person-head">
        <div>
          <h1>{p.displayName} <ClassificationTag classification={p.classification} compartments={p.compartments} /></h1>
          <p className="lede">{p.rankLabel}{p.allegianceVillage ? ` of ${p.allegianceVillage.name}` : ''}</p>
        </div>
        {p.status && (
          <div className="current-status">
            <span className="muted">Status</span>
            <StatusBadge status={p.status.status} label={p.status.label} />
            <span className="muted">since {formatDate(p.status.since)}</span>
          </div>
        )}
      </div>
      {p.summary && <p className="summary">{p.summary}</p>}

      <div className="actions">
        {session.can('registry.person.status') && <button className="button" onClick={() => setPanel(panel === 'status' ? 'none' : 'status')} aria-expanded={panel === 'status'}>Record a status change</button>}
        {session.can('registry.membership.create') && <button className="button secondary" onClick={() => setPanel(panel === 'membership' ? 'none' : 'membership')} aria-expanded={panel === 'membership'}>Add a membership</button>}
        {session.can('registry.person.update') && <button className="button secondary" onClick={() => setPanel(panel === 'edit' ? 'none' : 'edit')} aria-expanded={panel === 'edit'}>Edit details</button>}
        {session.can('registry.relabel') && <button className="button secondary" onClick={() => setPanel(panel === 'label' ? 'none' : 'label')} aria-expanded={panel === 'label'}>Change classification</button>}
        {!session.user && <p className="muted">Log in to record changes.</p>}
      </div>
      {panel === 'status' && <StatusForm person={p} onDone={done} onCancel={() => setPanel('none')} />}
      {panel === 'membership' && <MembershipForm person={p} onDone={done} onCancel={() => setPanel('none')} />}
      {panel === 'edit' && <EditForm person={p} onDone={done} onCancel={() => setPanel('none')} />}
      {panel === 'label' && <LabelForm url={`/api/registry/people/${p.id}/label`} what={p.displayName} current={p} onDone={done} onCancel={() => setPanel('none')} />}

      <div className="columns">
        <section aria-labelledby="facts">
          <h2 id="facts">Details</h2>
          <dl className="facts">
            <dt>Rank</dt><dd>{p.rankLabel}</dd>
            <dt>Allegiance</dt><dd>{p.allegianceVillage?.name ?? '—'}</dd>
            <dt>Born in</dt><dd>{p.birthVillage?.name ?? '—'}</dd>
            {p.givenName && <><dt>Given name</dt><dd>{p.givenName}</dd></>}
            {p.familyName && <><dt>Family name</dt><dd>{p.familyName}</dd></>}
            {p.otherNames.length > 0 && <><dt>Also known as</dt><dd>{p.otherNames.join(', ')}</dd></>}
            <dt>Specialities</dt><dd>{p.specialities.length ? p.specialities.join(', ') : '—'}</dd>
            <dt>Record</dt><dd>version {p.version} · updated {formatDate(p.updatedAt)}</dd>
          </dl>
        </section>
        <section aria-labelledby="history">
          <h2 id="history">Status history</h2>
          <ol className="status-history">
            {p.statusHistory.map((s) => (
              <li key={s.id}>
                <span className="when">{formatDate(s.since)}</span>
                <StatusBadge status={s.status} label={s.label} />
                {s.reason && <span className="reason">{s.reason}</span>}
              </li>
            ))}
          </ol>
        </section>
      </div>

      <section aria-labelledby="memberships">
        <h2 id="memberships">Memberships over time</h2>
        {p.memberships.length === 0 ? <p className="muted">No memberships recorded.</p> : (
          <>
            <MembershipTimeline memberships={p.memberships} today={today()} />
            <MembershipTable title="Current" rows={current} personId={p.id} onEnded={session.can('registry.membership.end') ? done : undefined} />
            {past.length > 0 && <MembershipTable title="Past" rows={past} personId={p.id} />}
          </>
        )}
      </section>
    </div>
  );
}

function MembershipTable({ title, rows, onEnded }: { title: string; rows: Membership[]; personId: string; onEnded?: (m: string) => void }) {
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const end = useMutation({
    mutationFn: ({ id, endDate }: { id: string; endDate: string }) => api<Membership>(`/api/registry/memberships/${id}/end`, { method: 'POST', json: { endDate } }),
    onSuccess: (m) => onEnded?.(`Membership of ${m.organization.name} ended on ${formatDate(m.endDate)}.`),
    onError: setError,
  });
  if (rows.length === 0) return null;
  return (
    <table className="table">
      <caption>{title}</caption>
      <thead><tr><th scope="col">Organization</th><th scope="col">Post / role</th><th scope="col">From</th><th scope="col">Until</th>{onEnded && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr></thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td data-label="Organization"><Link to={`/organizations/${m.organization.code ?? m.organization.id}`}>{m.organization.name}</Link></td>
            <td data-label="Post / role">{isWithheld(m.post) ? <><WithheldRef what="A post" />{m.role ? ` (${m.role})` : ''}</> : <>{m.post?.label ?? m.role ?? '—'}{m.post && m.role && m.role !== m.post.label ? ` (${m.role})` : ''}</>}{isWithheld(m.onBehalfOf) && <> · on behalf of <WithheldRef what="an organization" /></>}{m.onBehalfOf && !isWithheld(m.onBehalfOf) && ` · on behalf of ${m.onBehalfOf.name}`}</td>
            <td data-label="From">{formatDate(m.startDate)}</td>
            <td data-label="Until">{m.endDate ? formatDate(m.endDate) : 'present'}</td>
            {onEnded && (
              <td>
                {ending === m.id ? (
                  <form className="inline-form" onSubmit={(e) => { e.preventDefault(); setError(null); end.mutate({ id: m.id, endDate: String(new FormData(e.currentTarget).get('endDate')) }); }}>
                    <label className="visually-hidden" htmlFor={`end-${m.id}`}>Last day</label>
                    <input id={`end-${m.id}`} name="endDate" type="date" defaultValue={today()} required />
                    <button className="button small" type="submit">End</button>
                    <button className="link-button" type="button" onClick={() => setEnding(null)}>Cancel</button>
                    {error instanceof ApiError && <span className="error-message">{error.message}</span>}
                  </form>
                ) : <button className="link-button" onClick={() => setEnding(m.id)}>End…</button>}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatusForm({ person, onDone, onCancel }: { person: PersonDetail; onDone: (m: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const ids = { status: 's-status', since: 's-since', reason: 's-reason' };
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api<PersonDetail>(`/api/registry/people/${person.id}/status`, { method: 'POST', json: body }),
    onSuccess: (p) => onDone(`Status recorded: ${p.displayName} is ${p.status?.label ?? 'updated'}.`),
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const body: Record<string, string> = { status: String(f.get('status')), since: String(f.get('since')) };
    if (String(f.get('reason')).trim()) body.reason = String(f.get('reason')).trim();
    save.mutate(body);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="status-form-title">
      <h2 id="status-form-title">Record a status change</h2>
      <ErrorSummary error={error} fieldIds={ids} />
      <div className="row">
        <Field id={ids.status} label="New status" error={fieldError(error, 'status')}>
          <select id={ids.status} name="status" defaultValue={person.status?.status ?? 'active'}>
            {STATUSES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field id={ids.since} label="Since" error={fieldError(error, 'since')}>
          <input id={ids.since} name="since" type="date" defaultValue={today()} />
        </Field>
      </div>
      <Field id={ids.reason} label="Reason" hint="Say why, for whoever reads this later." error={fieldError(error, 'reason')}>
        <input id={ids.reason} name="reason" autoComplete="off" />
      </Field>
      <FormActions pending={save.isPending} submit="Record status" onCancel={onCancel} />
    </form>
  );
}

function MembershipForm({ person, onDone, onCancel }: { person: PersonDetail; onDone: (m: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const orgs = useOrganizations();
  const [org, setOrg] = useState('');
  const posts = useQuery({
    queryKey: ['posts', org],
    enabled: !!org,
    queryFn: () => api<{ items: { id: string; label: string }[] }>(`/api/registry/posts?organization=${encodeURIComponent(org)}`),
  });
  const ids = { organization: 'm-org', post: 'm-post', role: 'm-role', startDate: 'm-start', endDate: 'm-end' };
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api<Membership>('/api/registry/memberships', { method: 'POST', json: body }),
    onSuccess: (m) => onDone(`${person.displayName} is now recorded in ${m.organization.name}.`),
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    save.mutate({ person: person.id, ...filledFields(e.currentTarget, ['organization', 'post', 'role', 'startDate', 'endDate']) });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="membership-form-title">
      <h2 id="membership-form-title">Add a membership</h2>
      <ErrorSummary error={error} fieldIds={ids} />
      <div className="row">
        <Field id={ids.organization} label="Organization" error={fieldError(error, 'organization')}>
          <select id={ids.organization} name="organization" value={org} onChange={(e) => setOrg(e.target.value)}>
            <option value="">Choose an organization</option>
            {orgs.data?.items.map((o) => <option key={o.id} value={o.id}>{o.name}{o.village ? ` (${o.village.name})` : ''}</option>)}
          </select>
        </Field>
        <Field id={ids.post} label="Post (optional)" error={fieldError(error, 'post')}>
          <select id={ids.post} name="post" disabled={!org || !posts.data?.items.length}>
            <option value="">No particular post</option>
            {posts.data?.items.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
        </Field>
      </div>
      <Field id={ids.role} label="Role (optional)" hint="e.g. sensor, medic, councillor" error={fieldError(error, 'role')}>
        <input id={ids.role} name="role" autoComplete="off" />
      </Field>
      <div className="row">
        <Field id={ids.startDate} label="From" error={fieldError(error, 'startDate')}>
          <input id={ids.startDate} name="startDate" type="date" defaultValue={today()} />
        </Field>
        <Field id={ids.endDate} label="Until (optional)" error={fieldError(error, 'endDate')}>
          <input id={ids.endDate} name="endDate" type="date" />
        </Field>
      </div>
      <FormActions pending={save.isPending} submit="Add membership" onCancel={onCancel} />
    </form>
  );
}

function EditForm({ person, onDone, onCancel }: { person: PersonDetail; onDone: (m: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    // The version we showed travels as If-Match: if someone changed the record since, the server refuses.
    mutationFn: (body: Record<string, unknown>) => api<PersonDetail>(`/api/registry/people/${person.id}`, { method: 'PATCH', json: body, headers: { 'if-match': `"${person.version}"` } }),
    onSuccess: (p) => onDone(`${p.displayName}'s details were saved.`),
    onError: setError,
  });
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); setError(null); save.mutate(readPersonForm(e.currentTarget, 'edit')); }} noValidate aria-labelledby="edit-form-title">
      <h2 id="edit-form-title">Edit details</h2>
      <ErrorSummary error={error} fieldIds={PERSON_FIELD_IDS} />
      <PersonFields initial={person} error={error} withStatus={false} />
      <FormActions pending={save.isPending} submit="Save changes" onCancel={onCancel} />
    </form>
  );
}
