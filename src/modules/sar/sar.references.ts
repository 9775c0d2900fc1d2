// The operations other modules may name (a mission report, a message about the search): found by
// id or code (SAR-2026-0001), with the operation's label, and what another record shows of it.
// Resolved and shown only through kernel/references.ts, so a hidden operation is an unknown one.
import { fromJson } from '../../kernel/db/dialect.ts';
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { OPERATION_NOT_FOUND } from './sar.errors.ts';

export const sarReferences: Record<string, ReferenceKind> = {
  operation: {
    noun: 'operation', notFoundCode: OPERATION_NOT_FOUND, byCode: true, readAction: 'sar.read',
    async find(db, refs) {
      const rows = await db.selectFrom('sar_operation').select(['id', 'code', 'title', 'status', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({
        id: r.id, code: r.code,
        labels: [{ classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }],
        shown: { id: r.id, code: r.code, title: r.title, status: r.status },
      }));
    },
  },
};
