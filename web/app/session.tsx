// Who is using the app: the session from /api/auth/me, login and logout, and what the role may do.
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './api.ts';

export interface User { username: string; personId: string; displayName: string; role: string; clearance: { level: string; compartments: string[] } }
interface Me { user: User | null; csrfToken: string | null; idleMinutes: number; permissions: string[] }

interface Session {
  user: User | null;
  loading: boolean;
  can(action: string): boolean;
  login(username: string, password: string, totp?: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const m = await api<Me>('/api/auth/me');
      setCsrfToken(m.csrfToken);
      return m;
    },
    staleTime: 60_000,
  });
  const session: Session = {
    user: me.data?.user ?? null,
    loading: me.isPending,
    can: (action) => !!me.data?.permissions.includes(action),
    async login(username, password, totp) {
      const r = await api<{ user: User; csrfToken: string }>('/api/auth/login', { method: 'POST', json: totp ? { username, password, totp } : { username, password } });
      setCsrfToken(r.csrfToken);
      // Everything the anonymous view fetched may now show more (or different) records: it is
      // refetched in the background. Only who is logged in is waited for, so the caller moves to
      // its page at once: waiting for every refetch let a click made meanwhile (the header shows
      // the user as soon as they are known) be undone by the late move to the next page.
      void qc.resetQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      await qc.resetQueries({ queryKey: ['me'] });
      return r.user;
    },
    async logout() {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      setCsrfToken(null);
      await qc.resetQueries();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
