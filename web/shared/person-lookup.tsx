// Find a registry person by name and pick them (a bill's sponsor, a letter's recipient): the
// reader sees only people at their clearance. Enter picks the only match.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../app/api.ts';
import type { PeoplePage } from '../app/types.ts';

export interface Picked { id: string; name: string }

/** Find a registry person by name and pick them; the reader sees only people at their clearance. */
export function PersonLookup({ id, label, hint, error, onPick, exclude = [] }: {
  id: string; label: string; hint?: string; error?: string; onPick: (p: Picked) => void; exclude?: string[];
}) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people-lookup', q],
    queryFn: () => api<PeoplePage>(`/api/registry/people${qs({ q, limit: 6 })}`),
    enabled: q.trim().length >= 2,
  });
  const found = people.data?.items.filter((p) => !exclude.includes(p.id)) ?? [];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="error-message" id={`${id}-error`}>{error}</p>}
      <input id={id} type="search" autoComplete="off" value={q} aria-describedby={describedBy} onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the only match rather than sending the form half-filled.
          if (e.key === 'Enter') {
            e.preventDefault();
            if (found.length === 1) { onPick({ id: found[0]!.id, name: found[0]!.displayName }); setQ(''); }
          }
        }} />
      {q.trim().length >= 2 && (
        <div className="lookup-results" aria-live="polite">
          {people.isPending ? <span className="muted">Looking…</span> : people.isError ? <span className="error-message">{String((people.error as Error).message)}</span>
            : found.length === 0 ? <span className="muted">Nobody by that name in the registry (or not at your clearance).</span> : (
              <ul>
                {found.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="lookup-choice" onClick={() => { onPick({ id: p.id, name: p.displayName }); setQ(''); }}>
                      {p.displayName} <span className="muted small">{p.rankLabel}{p.status ? ` · ${p.status.label}` : ''}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
        </div>
      )}
    </div>
  );
}
