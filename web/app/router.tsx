// One page per task a person does.
import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './layout.tsx';
import { PeoplePage } from '../modules/registry/PeoplePage.tsx';
import { PersonPage } from '../modules/registry/PersonPage.tsx';
import { NewPersonPage } from '../modules/registry/PersonForm.tsx';
import { OrgChartPage } from '../modules/registry/OrgChartPage.tsx';
import { OrganizationPage } from '../modules/registry/OrganizationPage.tsx';
import { Link } from 'react-router';
import { LoginPage } from './LoginPage.tsx';
import { AuditPage } from '../modules/security/AuditPage.tsx';

function NotFound() {
  return (
    <div>
      <h1>Page not found</h1>
      <p>If you typed the address, check it is correct. Otherwise go to <Link to="/people">People</Link>.</p>
    </div>
  );
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/people" replace /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'people/new', element: <NewPersonPage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'organizations', element: <OrgChartPage /> },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
