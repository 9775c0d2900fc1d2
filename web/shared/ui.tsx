// Small, accessible building blocks shared by every page.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, type ErrorDetail } from '../app/api.ts';

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge badge-${status}`}>{label}</span>;
}

/** In place of a referenced record the reader is not cleared to see (the API withheld it). */
export function WithheldRef({ what }: { what: string }) {
  return <span className="muted withheld">{what} not shown at your clearance</span>;
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}

export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const e = error instanceof ApiError ? error : null;
  return (
    <div className="notice notice-error" role="alert">
      <h2>{e?.status === 404 ? 'Not found' : 'Something went wrong'}</h2>
      <p>{e?.message ?? String(error)}</p>
      {retry && e?.status !== 404 && <button className="button secondary" onClick={retry}>Try again</button>}
    </div>
  );
}

/** GOV.UK pattern: a summary at the top of the form that links to each bad field and takes focus. */
export function ErrorSummary({ error, fieldIds }: { error: unknown; fieldIds: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const details: ErrorDetail[] = e?.details?.length ? e.details : [{ message: e?.message ?? String(error) }];
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {details.map((d, i) => {
          // A problem with the whole request (path "body") names no field.
          const field = d.path && d.path !== 'body' ? d.path.replace(/^body\./, '').split('.')[0] : undefined;
          const id = field ? fieldIds[field] : undefined;
          const text = field ? `${labelOf(field)} ${d.message}` : e?.message ?? d.message;
          return <li key={i}>{id ? <a href={`#${id}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

const labelOf = (field: string) => field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_m, c: string) => ' ' + c.toLowerCase());

export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.path?.replace(/^body\./, '').split('.')[0] === field)?.message;
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="error-message" id={`${id}-error`}>{error}</p>}
      {children}
    </div>
  );
}

/** exact false: total is a lower bound (more than that many), shown as "N+". */
export function Pagination({ total, exact = true, limit, offset, onPage }: { total: number; exact?: boolean; limit: number; offset: number; onPage: (offset: number) => void }) {
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label="Pages of results">
      <button className="button secondary" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>← Previous</button>
      <span aria-live="polite">Showing {from}–{to} of {total}{exact ? '' : '+'}</span>
      <button className="button secondary" disabled={exact && to >= total} onClick={() => onPage(offset + limit)}>Next →</button>
    </nav>
  );
}

export function Breadcrumbs({ trail }: { trail: [string, string?][] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map(([label, to], i) => <li key={i}>{to ? <Link to={to}>{label}</Link> : <span aria-current="page">{label}</span>}</li>)}
      </ol>
    </nav>
  );
}

export function formatDate(d: string | null | undefined): string {
  if (!d) return '—';
  const date = new Date(d.length === 10 ? d + 'T00:00:00Z' : d);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function ClassificationTag({ classification, compartments }: { classification: string; compartments: string[] }) {
  if (classification === 'public') return null;
  return <span className={`tag tag-${classification}`} title="Classification">{classification.replace('_', ' ')}{compartments.length ? ` / ${compartments.join(', ')}` : ''}</span>;
}

/** A form's submit button (busy while saving) and its way out. */
export function FormActions({ pending, submit, onCancel }: { pending: boolean; submit: string; onCancel: () => void }) {
  return (
    <div className="actions">
      <button className="button" type="submit" disabled={pending}>{pending ? 'Saving…' : submit}</button>
      <button className="link-button" type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}

/** The non-empty, trimmed text fields of a form, by name: what the API should receive. */
export function filledFields(form: HTMLFormElement, names: string[]): Record<string, string> {
  const f = new FormData(form);
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = String(f.get(n) ?? '').trim();
    if (v) out[n] = v;
  }
  return out;
}
