// Task: add a person, or correct a person's details.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { RANKS, STATUSES, type PersonDetail } from '../../app/types.ts';
import { Breadcrumbs, ErrorSummary, Field, fieldError } from '../../shared/ui.tsx';
import { useVillages } from './queries.ts';

const FIELD_IDS = {
  name: 'p-name', givenName: 'p-given', familyName: 'p-family', rank: 'p-rank', birthVillage: 'p-birth', allegianceVillage: 'p-allegiance',
  specialities: 'p-specialities', summary: 'p-summary', status: 'p-status', statusSince: 'p-since', statusReason: 'p-reason',
};

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function PersonFields({ initial, error, withStatus }: { initial?: Partial<PersonDetail>; error: unknown; withStatus: boolean }) {
  const villages = useVillages();
  const e = (f: string) => fieldError(error, f);
  return (
    <>
      <Field id={FIELD_IDS.name} label="Full name as written" hint="Leave empty to use given name then family name." error={e('name')}>
        <input id={FIELD_IDS.name} name="name" defaultValue={initial?.name ?? ''} autoComplete="off" />
      </Field>
      <div className="row">
        <Field id={FIELD_IDS.givenName} label="Given name" error={e('givenName')}>
          <input id={FIELD_IDS.givenName} name="givenName" defaultValue={initial?.givenName ?? ''} autoComplete="off" />
        </Field>
        <Field id={FIELD_IDS.familyName} label="Family name (optional)" error={e('familyName')}>
          <input id={FIELD_IDS.familyName} name="familyName" defaultValue={initial?.familyName ?? ''} autoComplete="off" />
        </Field>
      </div>
      <div className="row">
        <Field id={FIELD_IDS.rank} label="Rank" error={e('rank')}>
          <select id={FIELD_IDS.rank} name="rank" defaultValue={initial?.rank ?? ''} required>
            <option value="" disabled>Choose a rank</option>
            {RANKS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field id={FIELD_IDS.birthVillage} label="Birth village" error={e('birthVillage')}>
          <select id={FIELD_IDS.birthVillage} name="birthVillage" defaultValue={initial?.birthVillage?.code ?? ''}>
            <option value="">Not known</option>
            {villages.data?.map((v) => <option key={v.id} value={v.code}>{v.name}</option>)}
          </select>
        </Field>
        <Field id={FIELD_IDS.allegianceVillage} label="Allegiance" error={e('allegianceVillage')}>
          <select id={FIELD_IDS.allegianceVillage} name="allegianceVillage" defaultValue={initial?.allegianceVillage?.code ?? ''}>
            <option value="">None</option>
            {villages.data?.map((v) => <option key={v.id} value={v.code}>{v.name}</option>)}
          </select>
        </Field>
      </div>
      <Field id={FIELD_IDS.specialities} label="Specialities (optional)" hint="Separate with commas, e.g. sensor, medical ninjutsu." error={e('specialities')}>
        <input id={FIELD_IDS.specialities} name="specialities" defaultValue={initial?.specialities?.join(', ') ?? ''} autoComplete="off" />
      </Field>
      <Field id={FIELD_IDS.summary} label="Summary (optional)" error={e('summary')}>
        <textarea id={FIELD_IDS.summary} name="summary" rows={3} defaultValue={initial?.summary ?? ''} />
      </Field>
      {withStatus && (
        <fieldset className="fieldset">
          <legend>Status</legend>
          <div className="row">
            <Field id={FIELD_IDS.status} label="Status" error={e('status')}>
              <select id={FIELD_IDS.status} name="status" defaultValue="active">
                {STATUSES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
              </select>
            </Field>
            <Field id={FIELD_IDS.statusSince} label="Since" hint="Leave empty for today." error={e('statusSince')}>
              <input id={FIELD_IDS.statusSince} name="statusSince" type="date" />
            </Field>
          </div>
          <Field id={FIELD_IDS.statusReason} label="Reason (optional)" error={e('statusReason')}>
            <input id={FIELD_IDS.statusReason} name="statusReason" autoComplete="off" />
          </Field>
        </fieldset>
      )}
    </>
  );
}

/** Reads the person form; empty text means "not given" (create) or "clear it" (edit). */
export function readPersonForm(form: HTMLFormElement, mode: 'create' | 'edit') {
  const f = new FormData(form);
  const s = (k: string) => String(f.get(k) ?? '').trim();
  const opt = (k: string) => (s(k) ? s(k) : mode === 'edit' ? null : undefined);
  const body: Record<string, unknown> = {
    name: opt('name'), givenName: opt('givenName'), familyName: opt('familyName'), rank: s('rank') || undefined,
    birthVillage: opt('birthVillage'), allegianceVillage: opt('allegianceVillage'), specialities: list(s('specialities')), summary: opt('summary'),
  };
  if (mode === 'create') Object.assign(body, { status: s('status') || undefined, statusSince: s('statusSince') || undefined, statusReason: s('statusReason') || undefined });
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

export function NewPersonPage() {
  const session = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<PersonDetail>('/api/registry/people', { method: 'POST', json: body }),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ['people'] });
      navigate(`/people/${p.id}`, { state: { flash: `${p.displayName} was added.` } });
    },
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    create.mutate(readPersonForm(e.currentTarget, 'create'));
  };
  if (!session.loading && !session.can('registry.person.create')) {
    return (
      <div className="narrow">
        <h1>Add a person</h1>
        <p>{session.user ? 'Your role does not allow adding people. Ask the administration office.' : <>Please <Link to="/login?next=/people/new">log in</Link> to add a person.</>}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <Breadcrumbs trail={[['People', '/people'], ['Add a person']]} />
      <h1>Add a person</h1>
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <form onSubmit={submit} noValidate>
        <PersonFields error={error} withStatus />
        <button className="button" type="submit" disabled={create.isPending}>{create.isPending ? 'Saving…' : 'Add person'}</button>
      </form>
    </div>
  );
}

export { FIELD_IDS as PERSON_FIELD_IDS };
