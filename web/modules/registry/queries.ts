// Registry queries shared by the registry pages.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Organization, Page, Village } from '../../app/types.ts';

export const useVillages = () => useQuery({ queryKey: ['villages'], queryFn: () => api<Village[]>('/api/registry/villages'), staleTime: 300_000 });
export const useOrganizations = () =>
  useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api<Page<Organization>>('/api/registry/organizations?limit=1000'), staleTime: 60_000 });
