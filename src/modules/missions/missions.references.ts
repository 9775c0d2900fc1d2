// The missions module's records that others may name (a case's linked mission, a letter's
// attachment): a mission by id or code, and an after-action report by id, read at its mission's
// label and its author's. Resolved and shown only through kernel/references.ts.
import { UNMATCHED_LABEL } from '../../kernel/auth/labels.ts';
import { registryModule } from '../registry/index.ts';
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { MISSION_NOT_FOUND, REPORT_NOT_FOUND } from './missions.errors.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';


export const missionsReferences: Record<string, ReferenceKind> = {
  mission: {
    noun: 'mission', notFoundCode: MISSION_NOT_FOUND, byCode: true, readAction: 'missions.read',
    async find(db, refs) {
      const rows = await db.selectFrom('missions_mission').select(['id', 'code', 'rank', 'objective', 'status', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code, labels: [storedLabel(r)], shown: { id: r.id, code: r.code, rank: r.rank, objective: r.objective, status: r.status } }));
    },
  },
  report: {
    noun: 'after-action report', notFoundCode: REPORT_NOT_FOUND, byCode: false, readAction: 'missions.read',
    async find(db, refs) {
      const rows = await db.selectFrom('missions_report as r').innerJoin('missions_mission as m', 'm.id', 'r.mission_id')
        .select(['r.id', 'r.state', 'r.author_id', 'm.code', 'm.classification', 'm.compartments']).where('r.id', 'in', refs).execute();
      // A report exists only with its author on the team: read at its author's labels too, so a
      // reader who may not see the author (a hidden member) finds no report, as on the mission page.
      const authors = rows.length ? await registryModule.references!.person!.find(db, [...new Set(rows.map((r) => r.author_id as string))]) : [];
      const authorLabels = new Map(authors.map((a) => [a.id, a.labels]));
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: null, labels: [storedLabel(r), ...(authorLabels.get(r.author_id) ?? [UNMATCHED_LABEL])], shown: { id: r.id, mission: r.code, state: r.state } }));
    },
  },
};
