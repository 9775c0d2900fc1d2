// The legislature's pages: the statute book by title, a statute as of a date, redlines, the law
// search, and the statute lookup in the header of every page.
import type { WebModule } from '../../app/module.ts';
import { TitleIndexPage } from './TitleIndexPage.tsx';
import { StatutePage } from './StatutePage.tsx';
import { RedlinePage } from './RedlinePage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { StatuteLookup } from './StatuteLookup.tsx';
import './legislature.css';
import { SessionsPage } from './SessionsPage.tsx';
import { SessionPage } from './SessionPage.tsx';
import './sessions.css';

export const legislatureWeb: WebModule = {
  name: 'legislature',
  routes: [
    { path: 'statutes', element: <TitleIndexPage /> },
    { path: 'statutes/:code', element: <StatutePage /> },
    { path: 'statutes/:code/diff', element: <RedlinePage /> },
    { path: 'search', element: <SearchPage /> },
    { path: 'legislature/sessions', element: <SessionsPage /> },
    { path: 'legislature/sessions/:code', element: <SessionPage /> },
  ],
  nav: [
    { to: '/statutes', label: 'Statutes' }, { to: '/search', label: 'Search law' },
    { to: '/legislature/sessions', label: 'Council' },
  ],
  header: [StatuteLookup],
};
