// The legislature's pages: the statute book by title, a statute as of a date, redlines, the law
// search, bills and the drafting board, council sessions, and the statute lookup in the header of every page.
import { Navigate, useParams } from 'react-router';
import type { WebModule } from '../../app/module.ts';
import { TitleIndexPage } from './TitleIndexPage.tsx';
import { StatutePage } from './StatutePage.tsx';
import { RedlinePage } from './RedlinePage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { StatuteLookup } from './StatuteLookup.tsx';
import { BillsPage } from './BillsPage.tsx';
import { BillPage } from './BillPage.tsx';
import { DraftingBoardPage } from './DraftingBoardPage.tsx';
import './legislature.css';
import { SessionsPage } from './SessionsPage.tsx';
import { SessionPage } from './SessionPage.tsx';
import { MinutesPage } from './MinutesPage.tsx';
import './sessions.css';

/** /legislature/bills/B-2026-001 and the like: the same pages, at the addresses the search and the API's messages use. */
function BillRedirect() {
  const { code = '' } = useParams();
  return <Navigate to={`/bills/${code}`} replace />;
}

export const legislatureWeb: WebModule = {
  name: 'legislature',
  routes: [
    { path: 'statutes', element: <TitleIndexPage /> },
    { path: 'statutes/:code', element: <StatutePage /> },
    { path: 'statutes/:code/diff', element: <RedlinePage /> },
    { path: 'search', element: <SearchPage /> },
    { path: 'bills', element: <BillsPage /> },
    { path: 'bills/:code', element: <BillPage /> },
    { path: 'drafting', element: <DraftingBoardPage /> },
    { path: 'legislature/bills', element: <Navigate to="/bills" replace /> },
    { path: 'legislature/bills/:code', element: <BillRedirect /> },
    { path: 'legislature/drafting', element: <Navigate to="/drafting" replace /> },
    { path: 'legislature/sessions', element: <SessionsPage /> },
    { path: 'legislature/sessions/:code', element: <SessionPage /> },
    { path: 'legislature/sessions/:code/minutes', element: <MinutesPage /> },
  ],
  nav: [
    { to: '/statutes', label: 'Statutes' }, { to: '/bills', label: 'Bills' }, { to: '/drafting', label: 'Drafting' },
    { to: '/legislature/sessions', label: 'Council' }, { to: '/search', label: 'Search law' },
  ],
  header: [StatuteLookup],
};
