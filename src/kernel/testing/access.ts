// How a module takes part in the access matrix (src/kernel/auth/access-matrix.test.ts): a file
// `src/modules/<name>/<name>.access.ts` exporting `access: ModuleAccess` — labelled records to
// try each route on, and rows saying how to call each route. The matrix finds these files itself,
// so a new module adds its own and changes nothing in the kernel. The expected answers are NOT
// given here: the matrix works them out from its own transcription of docs/POLICY.md and
// docs/SECURITY.md, never from the production policy code.
import type { AppContext } from '../context.ts';
import type { Label } from '../auth/labels.ts';

/**
 * read-one: 200 if the reader's clearance dominates the label, else 404 (after the policy);
 * read-list: 200, with the record only if it is readable; write-existing: 404 for a record the
 * actor cannot see, then the policy; create: the policy with the label; plain: the policy alone.
 *
 * reference: a write whose body names (by id or code) the fixture's record `target`. After the
 * policy: 2xx when the writer can see that record; when it cannot, exactly the answer given for
 * an unknown id (same status, error code, message and details, with the reference itself masked)
 * and nothing written (no module generation moves).
 * filter: a read filtered by the fixture's record `target`: 200 when the reader can see it, else
 * exactly the answer for an unknown id.
 * withheld: a read of a record the reader may see (public) that refers to the fixture's labelled
 * records: 200 always (after the policy); the answer shows the `hidden` strings (ids, codes,
 * names) only to readers who can see the fixture, and otherwise contains none of them — the
 * reference appears only as {"withheld": true} when `marker` is set.
 * private: a record only the people it concerns may read (a letter: its sender and recipients);
 * no subject of the matrix is one of them, so after the policy every one gets 404, whatever its
 * clearance — the participants' own view is their module's tests' to prove.
 * holder: a step only the person holding a record may take (releasing an item of evidence); no
 * subject of the matrix holds one, so after the label (404 for a hidden record) and the policy,
 * every one is refused with 403 — the holder's own step is their module's tests' to prove.
 */
export type AccessKind = 'read-one' | 'read-list' | 'write-existing' | 'create' | 'plain' | 'reference' | 'filter' | 'withheld' | 'private' | 'holder';

/** One set of labelled records: every module's ids (and codes and names) for it, merged by name (person, org, orgCode…). */
export interface AccessFixture {
  label: Label;
  ids: Record<string, string>;
}

export interface AccessRequest {
  method: string;
  url: string;
  payload?: object;
  headers?: Record<string, string>;
}

export interface AccessRow {
  action: string;
  kind: AccessKind;
  request: (f: AccessFixture, fresh: () => Promise<AccessFixture>, op: AppContext) => Promise<AccessRequest>;
  /** For lists: is the labelled record in the answer? */
  contains?: (body: any, f: AccessFixture) => boolean;
  /** reference / filter: the key in fixture.ids of the record named in the request. */
  target?: string;
  /** withheld: keys in fixture.ids whose values no reader who cannot see the fixture may find in the answer. */
  hidden?: string[];
  /** withheld: the answer must also say {"withheld": true} where the hidden reference was. */
  marker?: boolean;
}

export interface ModuleAccess {
  /** Run once before any fixture (the records fixtures hang off). */
  setup?: (op: AppContext) => Promise<void>;
  /**
   * Records with this label; n is unique per fixture, for names and codes; `before` holds the ids
   * the modules before this one (in alphabetical order) made for the same fixture, to name them.
   */
  fixture?: (op: AppContext, label: Label, n: number, before: Readonly<Record<string, string>>) => Promise<Record<string, string>>;
  /**
   * Rows keyed "METHOD /path/{param}" as in the OpenAPI document — one per route at least; more
   * rows for the same route add a bracketed note: "GET /api/x/{id} [its parent withheld]".
   */
  routes: Record<string, AccessRow>;
}

/** The route an access row is about: its key without the bracketed note. */
export const routeOf = (key: string): string => key.replace(/\s*\[.*\]$/, '');

/**
 * The record a row's request uses up (a bill signed, minutes approved, a vote closed), kept per
 * database and label and made again only once a request has used it. Most subjects are refused,
 * and a refused request leaves the record as it was (the malformed-request suite proves that of
 * every route), so one record serves them all until one succeeds: making a passed bill afresh for
 * each of a hundred subjects was most of the matrix's time. `unused` says whether it is still as made.
 */
export function keptUntilUsed<T>(make: (op: AppContext, label: Label) => Promise<T>, unused: (op: AppContext, record: T) => Promise<boolean>) {
  const kept = new WeakMap<object, Map<string, T>>();
  return async (op: AppContext, label: Label): Promise<T> => {
    let byLabel = kept.get(op.db);
    if (!byLabel) kept.set(op.db, (byLabel = new Map()));
    const key = `${label.classification}/${[...label.compartments].sort().join('+')}`;
    const had = byLabel.get(key);
    if (had !== undefined && (await unused(op, had))) return had;
    const made = await make(op, label);
    byLabel.set(key, made);
    return made;
  };
}
