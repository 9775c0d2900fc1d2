// The cases module's records that others may name: a case (by its code, INQ-2026-003), an item of
// evidence (INQ-2026-003/E-01) and an inter-village request (IVR-2026-001). An item carries its
// case's label: for a reader outside the case's compartments the item is exactly as unknown as the case.
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';


export const casesReferences: Record<string, ReferenceKind> = {
  case: {
    noun: 'case', notFoundCode: 'CASES_CASE_NOT_FOUND', byCode: true, readAction: 'cases.read',
    async find(db, refs) {
      const rows = await db.selectFrom('cases_case').select(['id', 'code', 'kind', 'title', 'state', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code, labels: [storedLabel(r)], shown: { id: r.id, code: r.code, kind: r.kind, title: r.title, state: r.state } }));
    },
  },
  evidence: {
    noun: 'item of evidence', notFoundCode: 'CASES_EVIDENCE_NOT_FOUND', byCode: true, readAction: 'cases.read',
    async find(db, refs) {
      const rows = await db.selectFrom('cases_evidence as e').innerJoin('cases_case as c', 'c.id', 'e.case_id')
        .select(['e.id', 'e.code', 'e.description', 'c.code as case_code', 'c.classification', 'c.compartments'])
        .where((eb) => eb.or([eb('e.id', 'in', refs), eb('e.code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code, labels: [storedLabel(r)], shown: { id: r.id, code: r.code, description: r.description, case: r.case_code } }));
    },
  },
  request: {
    noun: 'inter-village request', notFoundCode: 'CASES_REQUEST_NOT_FOUND', byCode: true, readAction: 'cases.read',
    async find(db, refs) {
      const rows = await db.selectFrom('cases_request').select(['id', 'code', 'kind', 'state', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code, labels: [storedLabel(r)], shown: { id: r.id, code: r.code, kind: r.kind, state: r.state } }));
    },
  },
};
