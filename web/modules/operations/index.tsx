// Operations pages: the village's timed work, for staff cleared to see it.
import type { WebModule } from '../../app/module.ts';
import { JobsPage } from './JobsPage.tsx';

export const operationsWeb: WebModule = {
  name: 'operations',
  routes: [{ path: 'jobs', element: <JobsPage /> }],
  nav: [{ to: '/jobs', label: 'Timed work', needs: 'jobs.read' }],
};
