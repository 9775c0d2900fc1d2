// Task: grow the chart — add a unit under an organization, or a post in it.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { CLASSIFICATIONS, type Organization, type OrganizationDetail, type Post } from '../../app/types.ts';
import { ErrorSummary, Field, FormActions, fieldError, filledFields } from '../../shared/ui.tsx';
import { useOrganizations } from './queries.ts';


function ClassificationField({ id, error }: { id: string; error: unknown }) {
  return (
    <Field id={id} label="Classification" hint="Who may see it: people cleared to this level or higher." error={fieldError(error, 'classification')}>
      <select id={id} name="classification" defaultValue="public">
        {CLASSIFICATIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </Field>
  );
}

export function UnitForm({ parent, onDone, onCancel }: { parent: OrganizationDetail; onDone: (message: string, created: Organization) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const all = useOrganizations();
  const kinds = [...new Set(all.data?.items.map((o) => o.kind) ?? [])].sort();
  const ids = { name: 'u-name', kind: 'u-kind', code: 'u-code', description: 'u-description', foundingDate: 'u-founded', classification: 'u-classification' };
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api<Organization>('/api/registry/organizations', { method: 'POST', json: body }),
    onSuccess: (o) => onDone(`${o.name} was added under ${parent.name}.`, o),
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const body = filledFields(e.currentTarget, ['name', 'kind', 'code', 'description', 'foundingDate', 'classification']);
    body.parent = parent.id;
    if (parent.village) body.village = parent.village.code;
    save.mutate(body);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="unit-form-title">
      <h2 id="unit-form-title">Add a unit under {parent.name}</h2>
      <ErrorSummary error={error} fieldIds={ids} />
      <div className="row">
        <Field id={ids.name} label="Name" error={fieldError(error, 'name')}>
          <input id={ids.name} name="name" autoComplete="off" />
        </Field>
        <Field id={ids.kind} label="Kind" hint="e.g. unit, squad, office, committee" error={fieldError(error, 'kind')}>
          <input id={ids.kind} name="kind" list="u-kinds" autoComplete="off" />
          <datalist id="u-kinds">{kinds.map((k) => <option key={k} value={k} />)}</datalist>
        </Field>
      </div>
      <div className="row">
        <Field id={ids.code} label="Short code (optional)" hint="Lower-case letters, digits and dashes, used in addresses: western-garrison" error={fieldError(error, 'code')}>
          <input id={ids.code} name="code" autoComplete="off" spellCheck={false} />
        </Field>
        <Field id={ids.foundingDate} label="Founded (optional)" error={fieldError(error, 'foundingDate')}>
          <input id={ids.foundingDate} name="foundingDate" type="date" />
        </Field>
      </div>
      <Field id={ids.description} label="Description (optional)" error={fieldError(error, 'description')}>
        <textarea id={ids.description} name="description" rows={2} />
      </Field>
      <ClassificationField id={ids.classification} error={error} />
      <FormActions pending={save.isPending} submit="Add unit" onCancel={onCancel} />
    </form>
  );
}

export function PostForm({ organization, onDone, onCancel }: { organization: OrganizationDetail; onDone: (message: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const ids = { label: 'p-label', code: 'p-code', role: 'p-role', classification: 'p-classification' };
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api<Post>('/api/registry/posts', { method: 'POST', json: body }),
    onSuccess: (t) => onDone(`The post "${t.label}" was added to ${organization.name}. Give it a holder from a person's page (Add a membership).`),
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    save.mutate({ ...filledFields(e.currentTarget, ['label', 'code', 'role', 'classification']), organization: organization.id });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="post-form-title">
      <h2 id="post-form-title">Add a post in {organization.name}</h2>
      <ErrorSummary error={error} fieldIds={ids} />
      <div className="row">
        <Field id={ids.label} label="Post" hint="As it is written on the door: Captain, Councillor seat 8" error={fieldError(error, 'label')}>
          <input id={ids.label} name="label" autoComplete="off" />
        </Field>
        <Field id={ids.role} label="Role (optional)" hint="e.g. captain, councillor" error={fieldError(error, 'role')}>
          <input id={ids.role} name="role" autoComplete="off" />
        </Field>
      </div>
      <div className="row">
        <Field id={ids.code} label="Short code (optional)" hint="Lower-case letters, digits and dashes" error={fieldError(error, 'code')}>
          <input id={ids.code} name="code" autoComplete="off" spellCheck={false} />
        </Field>
        <ClassificationField id={ids.classification} error={error} />
      </div>
      <FormActions pending={save.isPending} submit="Add post" onCancel={onCancel} />
    </form>
  );
}
