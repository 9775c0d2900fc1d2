// The statutes other modules may name (a bill amends 14-203, minutes cite it, a message quotes it):
// found by code (or id), with the label a reader must hold to see it and what another record shows
// of it. Resolved and shown only through kernel/references.ts, so a hidden statute is an unknown one.
import { fromJson } from '../../kernel/db/dialect.ts';
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { BILL_NOT_FOUND, MOTION_NOT_FOUND, SESSION_NOT_FOUND, STATUTE_NOT_FOUND, VOTE_NOT_FOUND } from './legislature.errors.ts';

export const legislatureReferences: Record<string, ReferenceKind> = {
  statute: {
    noun: 'statute', notFoundCode: STATUTE_NOT_FOUND, byCode: true, readAction: 'legislature.read',
    async find(db, refs) {
      const rows = await db.selectFrom('legislature_statute').select(['id', 'code', 'heading', 'title_number', 'in_force_from', 'repealed_on', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: r.code,
        labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, code: r.code, heading: r.heading, titleNumber: Number(r.title_number), inForceFrom: String(r.in_force_from).slice(0, 10), repealedOn: r.repealed_on ? String(r.repealed_on).slice(0, 10) : null },
      }));
    },
  },
  bill: {
    noun: 'bill', notFoundCode: BILL_NOT_FOUND, byCode: true, readAction: 'legislature.read',
    async find(db, refs) {
      const rows = await db.selectFrom('legislature_bill').select(['id', 'code', 'title', 'stage', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: r.code,
        labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, code: r.code, title: r.title, stage: r.stage },
      }));
    },
  },
  session: {
    noun: 'council session', notFoundCode: SESSION_NOT_FOUND, byCode: true, readAction: 'legislature.read',
    async find(db, refs) {
      const rows = await db.selectFrom('legislature_session').select(['id', 'code', 'title', 'sitting_on', 'status', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: r.code,
        labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, code: r.code, title: r.title, date: String(r.sitting_on instanceof Date ? r.sitting_on.toISOString() : r.sitting_on).slice(0, 10), status: r.status },
      }));
    },
  },
  // A vote and a motion carry their session's label.
  vote: {
    noun: 'vote', notFoundCode: VOTE_NOT_FOUND, byCode: false, readAction: 'legislature.read',
    async find(db, refs) {
      const rows = await db.selectFrom('legislature_vote as v').innerJoin('legislature_session as s', 's.id', 'v.session_id')
        .select(['v.id', 'v.number', 'v.question', 's.code', 's.classification', 's.compartments']).where('v.id', 'in', refs).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: null, labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, session: r.code, number: Number(r.number), question: r.question },
      }));
    },
  },
  motion: {
    noun: 'motion', notFoundCode: MOTION_NOT_FOUND, byCode: false, readAction: 'legislature.read',
    async find(db, refs) {
      const rows = await db.selectFrom('legislature_motion as m').innerJoin('legislature_session as s', 's.id', 'm.session_id')
        .select(['m.id', 'm.number', 's.code', 's.classification', 's.compartments']).where('m.id', 'in', refs).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: null, labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, session: r.code, number: Number(r.number) },
      }));
    },
  },
};
