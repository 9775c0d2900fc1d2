// Stored council minutes' requests and answers: the draft made from the record, its edits (with
// If-Match), its approval; the answer is the generated minutes of the record (minutes.ts) with the
// stored text and its state in front.
import { z } from 'zod';
import { withheldOr } from '../../kernel/references.ts';
import { requiredText } from '../../kernel/validation.ts';
import { ZMinutes } from './sessions.schema.ts';

export { MINUTES_STATES } from './legislature.schema.ts';
import { MINUTES_STATES } from './legislature.schema.ts';
export const MAX_MINUTES_TEXT = 200_000;

export const ZMinutesDraft = z.object({
  /** Replace an unapproved draft with a fresh one from the record (its edits are lost). */
  regenerate: z.boolean().default(false),
}).strict();
export type TMinutesDraft = z.input<typeof ZMinutesDraft>;

export const ZMinutesEdit = z.object({
  text: requiredText(MAX_MINUTES_TEXT).describe('the whole text of the minutes, one paragraph per line; statute citations ("section 2-111(2)(d)") are linked when shown'),
}).strict();
export type TMinutesEdit = z.input<typeof ZMinutesEdit>;

export const ZMinutesApprove = z.object({
  /** The sitting at which the Council approved them (a session code), when the clerk names it. */
  sitting: requiredText(100).optional().describe('session code, e.g. CS-2026-004: where the Council approved them'),
}).strict();
export type TMinutesApprove = z.input<typeof ZMinutesApprove>;

const ZAccount = withheldOr(z.string()).nullable();
/**
 * GET /sessions/{code}/minutes: the record's minutes (generated now, structured) and, once drafted,
 * the stored text that is the minutes (state draft or approved, version for If-Match).
 */
export const ZStoredMinutes = ZMinutes.extend({
  /** preview: not drafted yet (text is generated now); draft: stored, editable; approved: stored, immutable. */
  state: z.enum(MINUTES_STATES),
  /** The stored minutes' version (the ETag); null for a preview. */
  version: z.number().nullable(),
  generatedAt: z.string().nullable(),
  generatedBy: ZAccount,
  editedAt: z.string().nullable(),
  editedBy: ZAccount,
  approvedAt: z.string().nullable(),
  approvedBy: ZAccount,
  /** The session at which the Council approved them, if the clerk named it (withheld if hidden from you). */
  approvedIn: withheldOr(z.object({ code: z.string(), date: z.string() })).nullable(),
  /** Whether you may draft, edit and approve them (the clerk or the Kazekage). */
  youManage: z.boolean(),
});
export type TStoredMinutes = z.infer<typeof ZStoredMinutes>;
