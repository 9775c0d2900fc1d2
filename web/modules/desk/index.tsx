// The desk: what awaits my decision (a keyboard triage list) and who acts for whom (delegations).
import type { WebModule } from '../../app/module.ts';
import { DeskPage } from './DeskPage.tsx';
import { DelegationsPage } from './DelegationsPage.tsx';
import { DeskCount } from './parts.tsx';
import './desk.css';

export const deskWeb: WebModule = {
  name: 'desk',
  routes: [
    { path: 'desk', element: <DeskPage /> },
    { path: 'desk/delegations', element: <DelegationsPage /> },
  ],
  nav: [{ to: '/desk', label: 'Desk', needs: 'desk.read', count: DeskCount }],
};
