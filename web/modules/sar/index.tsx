// Search and rescue: the operations list and each operation's live map.
import type { WebModule } from '../../app/module.ts';
import { OperationsPage } from './OperationsPage.tsx';
import { MapPage } from './MapPage.tsx';
import './sar.css';

export const sarWeb: WebModule = {
  name: 'sar',
  routes: [
    { path: 'sar', element: <OperationsPage /> },
    { path: 'sar/:id', element: <MapPage /> },
  ],
  nav: [{ to: '/sar', label: 'Search & rescue', needs: 'sar.read' }],
};
