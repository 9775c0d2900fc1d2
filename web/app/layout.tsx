// The app shell: skip link, header with the modules that exist, main content, footer.
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { useSession } from './session.tsx';
import { LiveIndicator, useLiveUpdates } from './live.tsx';
import { WEB_MODULES } from '../modules.ts';

const NAV = WEB_MODULES.flatMap((m) => m.nav ?? []);
const HEADER_PARTS = WEB_MODULES.flatMap((m) => m.header ?? []);

function UserMenu() {
  const session = useSession();
  const navigate = useNavigate();
  if (session.loading) return null;
  if (!session.user) return <NavLink to="/login" className="user-link">Log in</NavLink>;
  return (
    <div className="user-menu">
      <span className="user-name" title={`clearance ${session.user.clearance.level}${session.user.clearance.compartments.length ? ' / ' + session.user.clearance.compartments.join(', ') : ''}`}>
        {session.user.displayName} <span className="user-role">{session.user.role}</span>
      </span>
      <button className="link-button on-dark" onClick={async () => { await session.logout(); navigate('/people'); }}>Log out</button>
    </div>
  );
}

export function Layout() {
  const session = useSession();
  const live = useLiveUpdates(session.user?.username ?? (session.loading ? 'loading' : 'anonymous'));
  const health = useQuery({ queryKey: ['health'], queryFn: () => api<{ status: string; database: string; version: string }>('/api/health'), staleTime: 60_000 });
  useEffect(() => {
    // "/" jumps to a search box from anywhere, as in most directory tools: the page's own when it
    // has one, else the header's. Boxes offer themselves with data-hotkey="/" (the page's come
    // after the header's in the document).
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) return;
      const boxes = document.querySelectorAll<HTMLInputElement>('[data-hotkey="/"]');
      const box = boxes[boxes.length - 1];
      if (box) {
        e.preventDefault();
        box.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <div className="container header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">▲</span>
            <span>Sandstone</span>
            <span className="brand-sub">Sunagakure administration</span>
          </NavLink>
          <nav aria-label="Main">
            <ul className="nav">
              {NAV.filter((n) => !n.needs || session.can(n.needs)).map((n) => <li key={n.to}><NavLink to={n.to}>{n.label}{n.count && <n.count />}</NavLink></li>)}
            </ul>
          </nav>
          <div className="header-end">
            {HEADER_PARTS.map((Part, i) => <Part key={i} />)}
            <LiveIndicator state={live} />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          Sandstone {health.data?.version ?? ''} · database: {health.data?.database ?? '…'} · <a href="/api/docs">API documentation</a> · press <kbd>/</kbd> to search
        </div>
      </footer>
    </>
  );
}
