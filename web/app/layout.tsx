// The app shell: skip link, header with the modules that exist, main content, footer.
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

const NAV = [
  { to: '/people', label: 'People' },
  { to: '/organizations', label: 'Organizations' },
];

export function Layout() {
  const navigate = useNavigate();
  const health = useQuery({ queryKey: ['health'], queryFn: () => api<{ status: string; database: string; version: string }>('/api/health'), staleTime: 60_000 });
  useEffect(() => {
    // "/" jumps to the people search from anywhere, as in most directory tools.
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) {
        e.preventDefault();
        const box = document.getElementById('people-search') as HTMLInputElement | null;
        if (box) box.focus();
        else navigate('/people?focus=1');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <div className="container header-inner">
          <NavLink to="/" className="brand" aria-label="Sandstone home">
            <span className="brand-mark" aria-hidden="true">▲</span>
            <span>Sandstone</span>
            <span className="brand-sub">Sunagakure administration</span>
          </NavLink>
          <nav aria-label="Main">
            <ul className="nav">
              {NAV.map((n) => <li key={n.to}><NavLink to={n.to}>{n.label}</NavLink></li>)}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          Sandstone {health.data?.version ?? ''} · database: {health.data?.database ?? '…'} · <a href="/api/docs">API documentation</a> · press <kbd>/</kbd> to search people
        </div>
      </footer>
    </>
  );
}
