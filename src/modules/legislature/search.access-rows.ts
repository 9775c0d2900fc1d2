// The law search in the access matrix (merged into legislature.access.ts by the lead): a search
// document per label, found by a word only fixtures use, and by its code as a citation (the jump).
// A reader who may not see the fixture's label finds neither the document nor the jump.
import type { AppContext } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import type { AccessRow } from '../../kernel/testing/access.ts';
import { replaceSearchDocs } from './search-index.ts';

/** A search document with this label: statute 90-(100+n), with the word "matrixsearch". */
export async function searchAccessFixture(op: AppContext, label: Label, n: number): Promise<Record<string, string>> {
  const code = `90-${100 + n}`;
  await replaceSearchDocs(op.db, 'statute', `matrix-search-${n}`, [{
    versionId: `matrix-search-${n}-v1`, code, heading: `Matrixsearch fixture ${n}`, titleNumber: 90,
    body: `(1) The matrixsearch fixture number ${n} is read by those cleared for its label.`,
    validFrom: '2000-01-01', validTo: null, repealedOn: null, latest: true, label,
  }]);
  return { searchCode: code };
}

export const searchAccessRows: Record<string, AccessRow> = {
  'GET /api/legislature/search': {
    action: 'legislature.read', kind: 'read-list',
    request: async () => ({ method: 'GET', url: '/api/legislature/search?q=matrixsearch&limit=100' }),
    contains: (b, f) => b.items.some((i: { code: string }) => i.code === f.ids.searchCode),
  },
  'GET /api/legislature/search [a citation jumps]': {
    action: 'legislature.read', kind: 'read-list',
    request: async (f) => ({ method: 'GET', url: `/api/legislature/search?q=${encodeURIComponent(f.ids.searchCode!)}` }),
    contains: (b, f) => b.jump?.code === f.ids.searchCode || b.items.some((i: { code: string }) => i.code === f.ids.searchCode),
  },
};
