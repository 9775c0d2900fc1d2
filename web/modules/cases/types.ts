// Shapes the cases API returns (mirrors the answers of src/modules/cases/cases.schema.ts) and the
// words the pages use for its fixed lists. The web app does not import the server's code, so the
// lists are repeated here; a test checks each word list covers its list.
import type { Ref } from '../../app/types.ts';

export type PersonShown = Ref<{ id: string; name: string }>;
export type VillageShown = Ref<{ id: string; code: string; name: string }>;

export const CASE_KINDS = ['inquest', 'investigation', 'trial', 'inter_village_request'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_WORDS: Record<CaseKind, string> = { inquest: 'Inquest', investigation: 'Investigation', trial: 'Trial', inter_village_request: 'Inter-village request' };

export const CASE_STATES = ['intake', 'open', 'investigating', 'pending_review', 'closed', 'reopened'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_WORDS: Record<CaseState, string> = {
  intake: 'at intake', open: 'open', investigating: 'under investigation', pending_review: 'pending review', closed: 'closed', reopened: 'reopened',
};

export const CASE_TRANSITIONS = ['open', 'investigate', 'submit_for_review', 'return_to_investigation', 'close', 'reopen'] as const;
export type CaseTransition = (typeof CASE_TRANSITIONS)[number];

export const CASE_RESOLUTIONS = ['substantiated', 'unsubstantiated', 'referred', 'withdrawn', 'no_further_action'] as const;
export const RESOLUTION_WORDS: Record<(typeof CASE_RESOLUTIONS)[number], string> = {
  substantiated: 'substantiated', unsubstantiated: 'unsubstantiated', referred: 'referred to another authority', withdrawn: 'withdrawn', no_further_action: 'no further action',
};

export const REQUEST_KINDS = ['extradition', 'prisoner_transfer'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_WORDS: Record<RequestKind, string> = { extradition: 'Extradition', prisoner_transfer: 'Prisoner transfer' };

export const REQUEST_STATES = ['draft', 'transmitted', 'acknowledged', 'legal_review', 'approved', 'denied', 'surrender_arranged', 'completed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_WORDS: Record<RequestState, string> = {
  draft: 'draft', transmitted: 'transmitted', acknowledged: 'acknowledged', legal_review: 'legal review', approved: 'approved', denied: 'denied',
  surrender_arranged: 'surrender arranged', completed: 'completed',
};

export const REQUEST_TRANSITIONS = ['transmit', 'acknowledge', 'begin_legal_review', 'approve', 'deny', 'arrange_surrender', 'complete'] as const;
export type RequestTransition = (typeof REQUEST_TRANSITIONS)[number];

export const DENIAL_GROUNDS = [
  'dual_criminality_not_met', 'political_offence', 'pending_trial_in_requested_village', 'death_penalty_risk',
  'insufficient_evidence', 'own_national', 'already_tried', 'time_barred', 'military_offence', 'humanitarian',
] as const;
export const DENIAL_GROUND_WORDS: Record<(typeof DENIAL_GROUNDS)[number], string> = {
  dual_criminality_not_met: 'dual criminality not met', political_offence: 'political offence',
  pending_trial_in_requested_village: 'pending trial in the requested village', death_penalty_risk: 'risk of the death penalty',
  insufficient_evidence: 'insufficient evidence', own_national: 'the person is a national of the requested village',
  already_tried: 'already tried for the same acts', time_barred: 'prosecution is time-barred', military_offence: 'purely military offence',
  humanitarian: 'humanitarian grounds (age or health)',
};

export const DISPOSITIONS = ['returned_to_owner', 'destroyed', 'retained_as_record', 'forfeited_to_village', 'handed_to_another_village'] as const;
export const DISPOSITION_WORDS: Record<(typeof DISPOSITIONS)[number], string> = {
  returned_to_owner: 'returned to its owner', destroyed: 'destroyed', retained_as_record: 'retained as a record',
  forfeited_to_village: 'forfeited to the village', handed_to_another_village: 'handed to another village',
};

interface Labelled { classification: string; compartments: string[] }

export interface CaseSummary extends Labelled {
  id: string; code: string; kind: CaseKind; title: string; state: CaseState; resolution: string | null; openedAt: string; closedAt: string | null;
}

export interface EvidenceSummary {
  id: string; code: string; description: string; quantity: number; condition: string; sealNumber: string | null;
  collectedBy: PersonShown; collectedAt: string; collectedWhere: string; sha256: string | null; storageLocation: string | null;
  disposition: string | null; custodian: PersonShown; transfers: number; lastAt: string;
}

export interface CaseStep { seq: number; transition: string; from: string; to: string; resolution: string | null; reason: string | null; by: PersonShown | null; at: string }
export interface CaseEntry { id: string; kind: 'testimony' | 'finding'; on: string; by: PersonShown | null; text: string; recordedAt: string; frozen: boolean }

export interface CaseDetail extends CaseSummary {
  summary: string; openedBy: PersonShown | null; version: number;
  parties: { id: string; person: PersonShown; role: string }[];
  links: { id: string; kind: string; record: Record<string, unknown> | { withheld: true }; note: string | null }[];
  tasks: { id: string; title: string; state: 'open' | 'done'; createdAt: string; doneAt: string | null }[];
  timeline: CaseStep[];
  entries: CaseEntry[];
  evidence: EvidenceSummary[];
  /** How many items the case holds; `evidence` is the first page of them. Absent from older servers: then evidence.length. */
  evidenceTotal?: number;
}

export interface Transfer {
  seq: number; releasedBy: PersonShown; receivedBy: PersonShown; at: string; purpose: string; condition: string;
  sealIntact: boolean; releaserConfirmed: boolean; receiverConfirmed: boolean; sha256: string | null;
}

/** A release awaiting its receiver's confirmation: custody has not passed yet. */
export interface Handover {
  releasedBy: PersonShown; receivedBy: PersonShown; releasedAt: string; purpose: string; condition: string; sealIntact: boolean; sha256: string | null;
  youReceive: boolean; youReleased: boolean;
}
export interface Evidence extends EvidenceSummary {
  handover: Handover | null;
  case: { id: string; code: string; state: CaseState; classification: string; compartments: string[]; marking: string };
  chain: Transfer[];
  chainBreaks: { index: number; problem: string }[];
}

export interface RequestSummary extends Labelled {
  id: string; code: string; kind: RequestKind; state: RequestState; requestingVillage: VillageShown; requestedVillage: VillageShown; createdAt: string;
}

export interface RequestStepOut {
  seq: number; transition: string; from: string; to: string; grounds: string[]; by: PersonShown | null; at: string;
  notice: string; noticeVia: 'hawk' | 'record'; noticeMessage: string | null; noticeNote: string | null;
}

export interface RequestDetail extends RequestSummary {
  basis: string; grounds: string[]; version: number; persons: PersonShown[]; draftedBy: PersonShown | null;
  case: Ref<{ id: string; code: string }> | null;
  steps: RequestStepOut[];
}

export interface Page<T> { items: T[]; total: number }
