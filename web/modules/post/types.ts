// Hawk post as /api/post answers it (src/modules/post/post.schema.ts).
export type Precedence = 'flash' | 'immediate' | 'priority' | 'routine';
export type DeliveryState = 'queued' | 'in_transit' | 'delivered' | 'read' | 'acknowledged' | 'actioned' | 'failed';
export type PostPerson = { id: string; name: string } | { withheld: true };
/** An office (a registry organization) as post shows it. */
export type PostOffice = { id: string; code: string | null; name: string } | { withheld: true };

/** Who answered a copy: a person, or on an office's copy as a non-member sees it, the office. */
export type Answerer = PostPerson | { office: true };

export interface Delivery {
  id: string;
  recipient: { person: PostPerson } | { village: string } | { office: PostOffice };
  atVillage: string; state: DeliveryState; dueAt: string; overdue: boolean;
  releasedAt: string | null; eta: string | null; deliveredAt: string | null; readAt: string | null;
  acknowledgedAt: string | null; actionedAt: string | null;
  /** Who gave each answer: on an office's copy, the member who did (to its members) or the office (to anyone else). */
  readBy: Answerer | null; acknowledgedBy: Answerer | null; actionedBy: Answerer | null;
  failedAt: string | null; failure: string | null; escalatedAt: string | null;
}
export interface Attachment { kind: string; id: string | null; shown: Record<string, unknown> | { withheld: true } }
export interface Message {
  id: string; code: string; sender: PostPerson | null; fromVillage: string; fromOffice: PostOffice | null; subject: string; body: string;
  precedence: Precedence; actionRequested: boolean; inReplyTo: string | null; acceptedAt: string;
  classification: string; compartments: string[];
  attachments: Attachment[];
  deliveries: Delivery[];
}
/** A draft as /api/post/drafts answers it: the message as its author last saved it. */
export interface Draft {
  id: string; version: number; createdAt: string; updatedAt: string;
  to: ({ person: PostPerson; at: string | null } | { village: string } | { office: PostOffice })[];
  from: { office: PostOffice } | null;
  subject: string; body: string; precedence: Precedence; actionRequested: boolean; inReplyTo: string | null;
  attachments: { kind: string; ref: string }[]; classification: string; compartments: string[];
}
/** A draft in the list of one's drafts (/api/post/drafts, a page at a time): all but its body. */
export type DraftSummary = Omit<Draft, 'body'>;
export type HoleItem = Omit<Message, 'deliveries'> & { delivery: Delivery };
export interface PigeonHole { items: HoleItem[]; total: number; unread: Record<Precedence | 'total', number> }
export interface AviaryHawk { code: string; precedence: Precedence; fromVillage: string; toVillage: string; state: DeliveryState; acceptedAt: string; releasedAt: string | null; eta: string | null; deliveredAt: string | null; dueAt: string }
export interface Aviary { waiting: AviaryHawk[]; inFlight: AviaryHawk[]; arrived: AviaryHawk[]; withheld: number }

export const PRECEDENCES: Precedence[] = ['flash', 'immediate', 'priority', 'routine'];
export const PRECEDENCE_WORDS: Record<Precedence, string> = { flash: 'FLASH', immediate: 'IMMEDIATE', priority: 'PRIORITY', routine: 'ROUTINE' };
/** Handling objectives within the village (precedence.ts), for the compose form. */
export const OBJECTIVE_WORDS: Record<Precedence, string> = { flash: 'within 10 minutes', immediate: 'within 30 minutes', priority: 'within 3 hours', routine: 'within 6 hours' };
export const STATE_WORDS: Record<DeliveryState, string> = {
  queued: 'waiting at the aviary', in_transit: 'in flight', delivered: 'delivered, not read', read: 'read', acknowledged: 'acknowledged', actioned: 'actioned', failed: 'not delivered',
};
export const isWithheldPerson = (p: PostPerson | null): p is { withheld: true } => !!p && 'withheld' in p;
