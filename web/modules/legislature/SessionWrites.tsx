// Writes to a council session from its page: each answer goes straight into what the page shows
// (the writer sees it at once; everyone else hears the event), and a refusal stays beside the
// buttons that caused it, in the server's words.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api.ts';
import type { Motion, Queue, Session, Vote } from './types.ts';

// A motion's writes answer the motion (the whole session grows with every motion and citation).
export type Answer = Session | Queue | Vote | Motion;
const isSession = (a: Answer): a is Session => 'members' in a && 'agenda' in a;
const isQueue = (a: Answer): a is Queue => 'serverTime' in a && 'waiting' in a;
const isMotion = (a: Answer): a is Motion => 'mover' in a && 'citations' in a;

export interface SessionWrite {
  pending: boolean;
  error: unknown;
  clear(): void;
  /** Sends one write; returns true when the server took it. */
  send(path: string, method: 'POST' | 'PUT', json?: unknown): Promise<boolean>;
}

/** One group of buttons' writes (the queue's, the vote board's …): their own busy state and error. */
export function useSessionWrite(code: string): SessionWrite {
  const qc = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = ['legislature', 'session', code];
  return {
    pending,
    error,
    clear: () => setError(null),
    async send(path, method, json) {
      setPending(true);
      setError(null);
      try {
        const a = await api<Answer>(path, { method, json: json ?? {} });
        qc.setQueryData<Session>(key, (s) => {
          if (!s) return s;
          if (isSession(a)) return a;
          if (isQueue(a)) return { ...s, queue: a };
          if (isMotion(a)) {
            const motions = s.motions.some((m) => m.id === a.id) ? s.motions.map((m) => (m.id === a.id ? a : m)) : [...s.motions, a];
            return { ...s, motions };
          }
          const votes = s.votes.some((v) => v.id === a.id) ? s.votes.map((v) => (v.id === a.id ? a : v)) : [...s.votes, a];
          return { ...s, votes };
        });
        // A vote, motion or queue answer leaves the rest of the page (motion statuses, say) to a refetch.
        if (!isSession(a)) void qc.invalidateQueries({ queryKey: key });
        return true;
      } catch (e) {
        setError(e);
        // Refused because the sitting moved on (answered already, vote closed…): this page is
        // behind, perhaps having missed an event; catch up so the buttons match again.
        if (e instanceof ApiError && (e.status === 409 || e.status === 404)) void qc.invalidateQueries({ queryKey: key });
        return false;
      } finally {
        setPending(false);
      }
    },
  };
}

/** A write's refusal, where its buttons are. */
export function WriteError({ write, id }: { write: SessionWrite; id?: string }) {
  if (!write.error) return null;
  const e = write.error instanceof ApiError ? write.error : null;
  // Field-by-field problems of a malformed request; a refusal's message says it all.
  const details = e?.code === 'VALIDATION_FAILED' ? e.details.filter((d) => d.message && d.message !== e.message) : [];
  return (
    <div className="session-error" role="alert" id={id}>
      <p><strong>Not done:</strong> {e?.message ?? String(write.error)}</p>
      {details.length > 0 && <ul>{details.map((d, i) => <li key={i}>{d.message}</li>)}</ul>}
      <button type="button" className="link-button" onClick={write.clear}>Dismiss</button>
    </div>
  );
}
