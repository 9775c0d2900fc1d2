// Security pages: the audit log, for those who may read it.
import type { WebModule } from '../../app/module.ts';
import { AuditPage } from './AuditPage.tsx';

export const securityWeb: WebModule = {
  name: 'security',
  routes: [{ path: 'audit', element: <AuditPage /> }],
  nav: [{ to: '/audit', label: 'Audit log', needs: 'audit.read' }],
};
