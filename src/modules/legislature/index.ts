// The legislature module's public surface: the statute book (point-in-time law, citations,
// search, Akoma Ntoso); bills and council sessions come next.
import type { SandstoneModule } from '../../kernel/module.ts';
import * as m20261201T140100 from './migrations/20261201T140100_legislature_search_docs.ts';
import * as m20261201T140300 from './migrations/20261201T140300_legislature_search_index.ts';
import { searchRoutes } from './search.routes.ts';
import { searchCli } from './search.cli.ts';

export const legislatureModule: SandstoneModule = {
  name: 'legislature',
  migrations: {
    '20261201T140100_legislature_search_docs': m20261201T140100,
    '20261201T140300_legislature_search_index': m20261201T140300,
  },
  // The lead merges these with the statute book's routes and commands.
  routes: async (app) => { await searchRoutes(app); },
  cli: (program, host) => { searchCli(program, host); },
};

export { replaceSearchDocs, type SearchDoc, type SearchKind } from './search-index.ts';
export { findCitations, type Citation } from './citations.ts';
export { searchLaw, type SearchAnswer, type SearchHit } from './search.ts';
