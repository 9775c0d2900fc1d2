// Cases: the list of cases and of inter-village requests, a case's page (timeline, parties,
// evidence), an item's chain of custody and its printable report, and a request's workflow.
import type { WebModule } from '../../app/module.ts';
import { CasesPage, RequestsPage } from './CasesPage.tsx';
import { CasePage } from './CasePage.tsx';
import { EvidencePage } from './EvidencePage.tsx';
import { CustodyPrintPage } from './CustodyPrintPage.tsx';
import { RequestPage } from './RequestPage.tsx';
import './cases.css';

export const casesWeb: WebModule = {
  name: 'cases',
  routes: [
    { path: 'cases', element: <CasesPage /> },
    { path: 'cases/requests', element: <RequestsPage /> },
    { path: 'cases/requests/:code', element: <RequestPage /> },
    { path: 'cases/evidence/:ref', element: <EvidencePage /> },
    { path: 'cases/evidence/:ref/print', element: <CustodyPrintPage /> },
    { path: 'cases/:code', element: <CasePage /> },
  ],
  nav: [{ to: '/cases', label: 'Cases', needs: 'cases.read' }],
};
