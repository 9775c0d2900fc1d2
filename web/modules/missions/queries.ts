// Missions queries. Each is refetched by the shell's live stream when anything changes, so a
// report taken up by the office shows as such on its author's open page.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import type { Mission, MissionList, MissionStatus, Queue, Report, Turnaround } from './types.ts';

export const missionPath = (code: string) => `/api/missions/${encodeURIComponent(code)}`;
export const reportPath = (id: string) => `/api/missions/reports/${encodeURIComponent(id)}`;

export const useMissions = (status: MissionStatus | '', offset: number) =>
  useQuery({
    queryKey: ['missions', 'list', status, offset],
    queryFn: () => api<MissionList>(`/api/missions${qs({ status, limit: 50, offset })}`),
    placeholderData: (prev) => prev,
  });

export const useMission = (code: string) => useQuery({ queryKey: ['missions', 'mission', code], queryFn: () => api<Mission>(missionPath(code)) });

export const reportKey = (id: string) => ['missions', 'report', id];
export const useReport = (id: string) => useQuery({ queryKey: reportKey(id), queryFn: () => api<Report>(reportPath(id)) });

export const useQueue = (enabled: boolean) =>
  useQuery({ queryKey: ['missions', 'queue'], queryFn: () => api<Queue>('/api/missions/reports/queue'), enabled });

export const useTurnaround = (span: { from: string; to: string }, enabled: boolean) =>
  useQuery({ queryKey: ['missions', 'turnaround', span.from, span.to], queryFn: () => api<Turnaround>(`/api/missions/reports/turnaround${qs(span)}`), enabled });

/** The registry's villages, to show a mission's village codes (suna, yuki) by their names; the same query as the registry pages'. */
export const useVillageNames = () =>
  useQuery({ queryKey: ['villages'], queryFn: () => api<{ code: string; name: string }[]>('/api/registry/villages'), staleTime: 300_000 });
