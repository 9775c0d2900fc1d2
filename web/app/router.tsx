// One page per task a person does: the shell's own pages, and every module's.
import { createBrowserRouter, Link, Navigate } from 'react-router';
import { Layout } from './layout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { WEB_MODULES } from '../modules.ts';

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
      ...WEB_MODULES.flatMap((m) => m.routes),
      { path: 'login', element: <LoginPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
