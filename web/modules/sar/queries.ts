// Search-and-rescue queries. Every one is refetched by the shell's live stream when anything
// changes, so an open map follows new reports without a reload.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import type { CellAnswer, Land, MapAnswer, Operation, OperationDetail } from './types.ts';

export const opPath = (id: string) => `/api/sar/operations/${encodeURIComponent(id)}`;

export const useOperations = (status?: 'active' | 'closed') =>
  useQuery({ queryKey: ['sar', 'operations', status ?? ''], queryFn: () => api<{ items: Operation[] }>(`/api/sar/operations${qs({ status })}`) });

export const useOperation = (id: string) =>
  useQuery({ queryKey: ['sar', 'operation', id], queryFn: () => api<OperationDetail>(opPath(id)), placeholderData: (prev) => (prev?.id === id ? prev : undefined) });

/** The land never changes while the app runs: fetched once. */
export const useLand = () => useQuery({ queryKey: ['sar-land'], queryFn: () => api<Land>('/api/sar/land'), staleTime: Infinity, gcTime: Infinity });

/** The map as it stood at `at` (null: now). Big (4 MB for a million cells): kept as fetched, not diffed. */
export const useMap = (id: string, at: string | null) =>
  useQuery({
    queryKey: ['sar', 'map', id, at ?? 'now'],
    queryFn: () => api<MapAnswer>(`${opPath(id)}/map${qs({ at })}`),
    placeholderData: keepPreviousData,
    structuralSharing: false,
  });

/** A point as the API takes it in a query: km to the metre. */
const kmParam = (v: number) => String(Math.round(v * 1000) / 1000);

export const useCell = (id: string, cell: { x: number; y: number } | null, at: string | null) =>
  useQuery({
    queryKey: ['sar', 'cell', id, cell?.x ?? null, cell?.y ?? null, at ?? 'now'],
    queryFn: () => api<CellAnswer>(`${opPath(id)}/cells${qs({ x: kmParam(cell!.x), y: kmParam(cell!.y), at })}`),
    enabled: !!cell,
  });

// Times are shown and typed in village time (UTC+03:00), whatever the browser's own zone: a
// search party in the field and a clerk at a desk must read the same clock.
const VILLAGE_OFFSET_MS = 3 * 3_600_000;

/** A datetime-local value in village time → ISO instant; '' or nonsense stays as typed (the server says what is wrong). */
export const isoFromLocal = (v: string): string => {
  if (!v) return '';
  const t = Date.parse(v.length === 16 ? `${v}:00+03:00` : `${v}+03:00`);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
};
/** An ISO instant → the datetime-local value for it in village time. */
export const localFromIso = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + VILLAGE_OFFSET_MS).toISOString().slice(0, 16);
};
export const nowLocal = () => localFromIso(new Date().toISOString());

/** "6 Jun 19:42" in village time. */
export const formatTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VILLAGE_OFFSET_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};
export const formatClock = (iso: string | null | undefined): string => formatTime(iso).split(' ').pop()!;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
