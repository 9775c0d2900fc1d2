// Missions: the list, a mission's page, the after-action report editor and the office's review queue.
import type { WebModule } from '../../app/module.ts';
import { MissionsPage } from './MissionsPage.tsx';
import { MissionPage } from './MissionPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import './missions.css';

export const missionsWeb: WebModule = {
  name: 'missions',
  routes: [
    { path: 'missions', element: <MissionsPage /> },
    { path: 'missions/queue', element: <QueuePage /> },
    { path: 'missions/reports', element: <QueuePage /> },
    { path: 'missions/reports/:id', element: <ReportPage /> },
    { path: 'missions/:code', element: <MissionPage /> },
  ],
  nav: [{ to: '/missions', label: 'Missions', needs: 'missions.read' }],
};
