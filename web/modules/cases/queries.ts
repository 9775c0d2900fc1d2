// Cases queries and writes. Every query is refetched by the shell's live stream when anything
// changes, so an open case page follows a hand-over recorded elsewhere without a reload.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import type { CaseDetail, CaseSummary, Evidence, EvidenceSummary, Page, RequestDetail, RequestSummary } from './types.ts';

const enc = encodeURIComponent;
export const casePath = (code: string) => `/cases/${enc(code)}`;
/** An item's page is addressed by its id: its code holds a slash (INQ-2026-001/E-01). */
export const evidencePath = (id: string) => `/cases/evidence/${enc(id)}`;
export const requestPath = (code: string) => `/cases/requests/${enc(code)}`;

export const PAGE = 50;

export const useCases = (filter: { kind?: string; state?: string; offset: number }) =>
  useQuery({
    queryKey: ['cases', 'list', filter.kind ?? '', filter.state ?? '', filter.offset],
    queryFn: () => api<Page<CaseSummary>>(`/api/cases/cases${qs({ kind: filter.kind, state: filter.state, limit: PAGE, offset: filter.offset })}`),
    placeholderData: keepPreviousData,
  });

export const useRequests = (filter: { state?: string; offset: number }) =>
  useQuery({
    queryKey: ['cases', 'requests', filter.state ?? '', filter.offset],
    queryFn: () => api<Page<RequestSummary>>(`/api/cases/requests${qs({ state: filter.state, limit: PAGE, offset: filter.offset })}`),
    placeholderData: keepPreviousData,
  });

export const useCase = (code: string) =>
  useQuery({ queryKey: ['cases', 'case', code], queryFn: () => api<CaseDetail>(`/api/cases/cases/${enc(code)}`), retry: false });

/** A later page of a case's evidence (the case answer carries the first). */
export const useEvidencePage = (code: string, offset: number, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'evidence-page', code, offset],
    queryFn: () => api<{ items: EvidenceSummary[]; total: number }>(`/api/cases/cases/${enc(code)}/evidence${qs({ limit: PAGE, offset })}`),
    enabled, placeholderData: keepPreviousData,
  });

export const useEvidence = (ref: string) =>
  useQuery({ queryKey: ['cases', 'evidence', ref], queryFn: () => api<Evidence>(`/api/cases/evidence/${enc(ref)}`), retry: false });

export const useCustodyReport = (ref: string) =>
  useQuery({
    queryKey: ['cases', 'custody-report', ref],
    queryFn: async () => {
      // Plain text, not JSON: fetched as is (a refusal is JSON and goes through api() for its message).
      const res = await fetch(`/api/cases/evidence/${enc(ref)}/custody-report`);
      if (!res.ok) return api<string>(`/api/cases/evidence/${enc(ref)}/custody-report`);
      return res.text();
    },
    retry: false,
  });

export const useRequest = (code: string) =>
  useQuery({ queryKey: ['cases', 'request', code], queryFn: () => api<RequestDetail>(`/api/cases/requests/${enc(code)}`), retry: false });

/** A write that answers with the record and refreshes every cases query. */
export function useCasesWrite<TBody, TAnswer>(path: (body: TBody) => string, json: (body: TBody) => unknown = (b) => b) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api<TAnswer>(path(body), { method: 'POST', json: json(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases'] }),
  });
}
