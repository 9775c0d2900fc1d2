// The registry's pages: people and organizations.
import type { WebModule } from '../../app/module.ts';
import { PeoplePage } from './PeoplePage.tsx';
import { PersonPage } from './PersonPage.tsx';
import { NewPersonPage } from './PersonForm.tsx';
import { OrgChartPage } from './OrgChartPage.tsx';
import { OrganizationPage } from './OrganizationPage.tsx';

export const registryWeb: WebModule = {
  name: 'registry',
  routes: [
    { path: 'people', element: <PeoplePage /> },
    { path: 'people/new', element: <NewPersonPage /> },
    { path: 'people/:id', element: <PersonPage /> },
    { path: 'organizations', element: <OrgChartPage /> },
    { path: 'organizations/:id', element: <OrganizationPage /> },
  ],
  nav: [{ to: '/people', label: 'People' }, { to: '/organizations', label: 'Organizations' }],
};
