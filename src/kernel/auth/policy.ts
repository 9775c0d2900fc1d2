// Who may do what. Modules declare their actions and the roles allowed each; the kernel merges
// them into one policy table, checks it on every service call, and renders it into the docs.
import { AppError } from '../errors.ts';
import { dominates, FULL_CLEARANCE, NO_CLEARANCE, type Clearance, type Label } from './labels.ts';

export const ROLES = ['kazekage', 'councillor', 'clerk', 'jounin', 'chuunin', 'genin', 'anbu', 'medic', 'envoy', 'public'] as const;
export type Role = (typeof ROLES)[number];

export interface Subject {
  /** Undefined for the operator at the console (CLI, system jobs), who may do anything. */
  role?: Role;
  clearance: Clearance;
  authenticated: boolean;
}

export interface PolicyRow {
  action: string;
  roles: readonly Role[];
  description: string;
  /** Reads of classified objects are label-checked; writes are too, so nobody edits what they cannot see. */
  labelled: boolean;
}

export type Policy = ReadonlyMap<string, PolicyRow>;

export function buildPolicy(rows: readonly PolicyRow[]): Policy {
  const map = new Map<string, PolicyRow>();
  for (const r of rows) {
    if (map.has(r.action)) throw new Error(`Two policy rows for ${r.action}`);
    map.set(r.action, r);
  }
  return map;
}

export const OPERATOR: Subject = { clearance: FULL_CLEARANCE, authenticated: true };
export const ANONYMOUS: Subject = { role: 'public', clearance: NO_CLEARANCE, authenticated: false };

/**
 * The oracle: may this subject do this action to an object with this label? An action missing
 * from the policy is denied to everyone but the operator.
 */
export function allowed(policy: Policy, s: Subject, action: string, label?: Label): boolean {
  if (s.role === undefined) return true;
  const row = policy.get(action);
  if (!row || !row.roles.includes(s.role)) return false;
  return !label || !row.labelled || dominates(s.clearance, label);
}

/** For a role allowed the action on a label above the actor's clearance (a clerk creating or raising a record past their own). */
// The record's label is not repeated: the caller gave it (a create, a raise) or can see it anyway.
export function deniedByClearance(s: Subject, action: string): AppError {
  const have = `${s.clearance.level}${s.clearance.compartments.length ? ' / ' + s.clearance.compartments.join(', ') : ''}`;
  return new AppError('AUTH_FORBIDDEN', 'forbidden', `Your clearance (${have}) does not reach that label (${action}): choose a classification and compartments within your clearance, or ask someone cleared for it.`);
}

export function denied(s: Subject, action: string): AppError {
  return s.authenticated
    ? new AppError('AUTH_FORBIDDEN', 'forbidden', `Your role does not allow this (${action}). Ask the administration office if you need it.`)
    : new AppError('AUTH_REQUIRED', 'unauthorized', 'Log in to do this.');
}
