// Task: change who may see a record — raise its classification or add compartments (up to one's
// own clearance), or, for the Kazekage, lower it. The reason goes into the audit log.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { CLASSIFICATIONS } from '../../app/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary, Field, FormActions, fieldError } from '../../shared/ui.tsx';

const rank = (level: string) => CLASSIFICATIONS.findIndex(([v]) => v === level);
const labelText = (l: { classification: string; compartments: string[] }) =>
  `${CLASSIFICATIONS[rank(l.classification)]?.[1] ?? l.classification}${l.compartments.length ? ` / ${l.compartments.join(', ')}` : ''}`;

interface Change { label: { classification: string; compartments: string[] }; previous: { classification: string; compartments: string[] }; declassified: boolean }

export function LabelForm({ url, what, current, onDone, onCancel }: {
  url: string; what: string; current: { classification: string; compartments: string[] }; onDone: (message: string) => void; onCancel: () => void;
}) {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const mine = session.user?.clearance ?? { level: 'public', compartments: [] };
  const mayLower = session.can('registry.declassify');
  const ids = { classification: 'l-level', compartments: 'l-compartments', reason: 'l-reason' };
  // Compartments one may set: those the record has, and those one holds oneself.
  const offered = [...new Set([...current.compartments, ...mine.compartments])].sort();
  const save = useMutation({
    mutationFn: (body: object) => api<Change>(url, { method: 'POST', json: body }),
    onSuccess: (c) => onDone(`${what} is now ${labelText(c.label)} (was ${labelText(c.previous)})${c.declassified ? ' — declassified' : ''}.`),
    onError: setError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    save.mutate({ classification: f.get('classification'), compartments: f.getAll('compartments').map(String), reason: String(f.get('reason') ?? '').trim() });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="label-form-title">
      <h2 id="label-form-title">Change who may see {what}</h2>
      <p className="hint">Now: <strong>{labelText(current)}</strong>. You may raise it up to your own clearance ({labelText({ classification: mine.level, compartments: mine.compartments })}){mayLower ? '; you may also lower it (declassify)' : '; only the Kazekage may lower it'}.</p>
      <ErrorSummary error={error} fieldIds={ids} />
      <Field id={ids.classification} label="Classification" error={fieldError(error, 'classification')}>
        <select id={ids.classification} name="classification" defaultValue={current.classification}>
          {CLASSIFICATIONS.map(([v, l]) => (
            <option key={v} value={v} disabled={rank(v) > rank(mine.level) || (!mayLower && rank(v) < rank(current.classification))}>{l}</option>
          ))}
        </select>
      </Field>
      {offered.length > 0 && (
        <fieldset className="fieldset" id={ids.compartments}>
          <legend>Compartments</legend>
          <p className="hint">Only people cleared for every compartment ticked may see it.</p>
          {fieldError(error, 'compartments') && <p className="error-message">{fieldError(error, 'compartments')}</p>}
          {offered.map((c) => {
            const has = current.compartments.includes(c);
            // One may add only compartments one holds, and only the Kazekage may take one away.
            const locked = (!mine.compartments.includes(c) && !has) || (!mayLower && has);
            return (
              <label key={c} className="check">
                <input type="checkbox" name={locked ? undefined : 'compartments'} value={c} defaultChecked={has} disabled={locked} />
                {locked && has && <input type="hidden" name="compartments" value={c} />}
                {c}
              </label>
            );
          })}
        </fieldset>
      )}
      <Field id={ids.reason} label="Reason" hint="Kept in the audit log with the change." error={fieldError(error, 'reason')}>
        <input id={ids.reason} name="reason" autoComplete="off" />
      </Field>
      <FormActions pending={save.isPending} submit="Change classification" onCancel={onCancel} />
    </form>
  );
}
