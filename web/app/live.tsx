// Live updates: the server's event stream keeps every open page current. A change made anywhere
// (another clerk's edit, an import, another server) refetches what is on screen, and the header
// says whether the stream is up, so nobody acts on a page they think is current when it is not.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** A change the server announced: its type and whatever the module put in it. */
export interface LiveEvent { type: string; payload?: Record<string, unknown>; at?: string }
const listeners = new Set<(e: LiveEvent) => void>();
/**
 * Hear each announced change as it arrives (a page that says what just changed, say). Refetching
 * is the shell's job; a listener only looks. Returns the way to stop listening.
 */
export function onLiveEvent(listener: (e: LiveEvent) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Queries that do not follow the records: who is logged in, and the server's health. */
const UNAFFECTED = new Set(['me', 'health']);

/** sessionKey: the stream is filtered by the clearance of whoever opened it, so a new login opens a new one. */
export function useLiveUpdates(sessionKey: string): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    setState('connecting');
    const source = new EventSource('/api/events');
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refetch = () => {
      // A burst of changes (an import) becomes one refetch of what is on screen.
      clearTimeout(timer);
      timer = setTimeout(() => void qc.invalidateQueries({ predicate: (q) => !UNAFFECTED.has(String(q.queryKey[0])) }), 250);
    };
    source.onopen = () => {
      // Back after a break: what changed meanwhile was not heard, so refetch.
      if (opened) refetch();
      opened = true;
      setState('live');
    };
    // The browser reconnects by itself (the server asks for 3 s); until then the page may be behind.
    source.onerror = () => setState('reconnecting');
    // Any change (or the server's "resync" after it lost its own feed) refetches what is shown.
    source.onmessage = (m: MessageEvent) => {
      refetch();
      if (!listeners.size) return;
      let e: LiveEvent | null = null;
      try {
        e = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (e && typeof e.type === 'string') for (const l of listeners) l(e);
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [qc, sessionKey]);
  return state;
}

export function LiveIndicator({ state }: { state: LiveState }) {
  const text = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  const title = state === 'live'
    ? 'Changes made by others appear on this page as they happen'
    : 'Changes made by others will appear once the connection is back; reload the page to be sure';
  return (
    <span className={`live live-${state}`} role="status" title={title}>
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
