// Pure Popolo reading: turns a parsed Popolo document into normalized entries, errors and warnings.
// No I/O, so every rule about dirty data is tested on its own.
import { createHash } from 'node:crypto';

export interface PersonIn { key: string; name: string; givenName: string | null; familyName: string | null; otherNames: string[]; summary: string | null; deathDate: string | null; extra: Record<string, unknown> }
export interface OrganizationIn { key: string; name: string; kind: string; parentKey: string | null; foundingDate: string | null; dissolutionDate: string | null; extra: Record<string, unknown> }
export interface PostIn { key: string; label: string; role: string | null; organizationKey: string | null; extra: Record<string, unknown> }
export interface MembershipIn { key: string; personKey: string; organizationKey: string; postKey: string | null; role: string | null; onBehalfOfKey: string | null; startDate: string | null; endDate: string | null; extra: Record<string, unknown> }

export interface PopoloWarning { code: string; message: string; count: number; examples: string[] }
export interface PopoloProblem { path: string; message: string }

export interface CheckedPopolo {
  persons: PersonIn[];
  organizations: OrganizationIn[];
  posts: PostIn[];
  memberships: MembershipIn[];
  errors: PopoloProblem[];
  warnings: PopoloWarning[];
}

// Popolo fields we keep verbatim in `extra` so an export gives them back.
const PERSON_KEEP = ['email', 'image', 'images', 'sources', 'links', 'contact_details', 'identifiers', 'birth_date', 'gender', 'honorific_prefix', 'honorific_suffix', 'patronymic_name', 'sort_name', 'biography', 'national_identity', 'created_at', 'updated_at'];
const PERSON_MAPPED = ['id', 'name', 'given_name', 'family_name', 'additional_name', 'other_names', 'summary', 'death_date'];
const ORG_KEEP = ['identifiers', 'other_names', 'abstract', 'description', 'area_id', 'image', 'contact_details', 'links', 'sources', 'created_at', 'updated_at', 'seats'];
const ORG_MAPPED = ['id', 'name', 'classification', 'parent_id', 'founding_date', 'dissolution_date'];
const POST_KEEP = ['other_label', 'area_id', 'start_date', 'end_date', 'contact_details', 'links', 'sources', 'identifiers'];
const POST_MAPPED = ['id', 'label', 'role', 'organization_id'];
const MEMBERSHIP_KEEP = ['label', 'area_id', 'contact_details', 'links', 'sources', 'member', 'legislative_period_id'];
const MEMBERSHIP_MAPPED = ['id', 'person_id', 'organization_id', 'post_id', 'role', 'on_behalf_of_id', 'start_date', 'end_date'];
const TOP_LEVEL = ['persons', 'organizations', 'memberships', 'posts', 'events', 'areas', 'motions', 'vote_events', 'speeches', 'warnings', 'meta'];

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2}))?$/;

class Collector {
  errors: PopoloProblem[] = [];
  private warnings = new Map<string, PopoloWarning>();
  error(path: string, message: string) {
    if (this.errors.length < 50) this.errors.push({ path, message });
  }
  warn(code: string, message: string, example: string) {
    const w = this.warnings.get(code) ?? { code, message, count: 0, examples: [] };
    w.count++;
    if (w.examples.length < 5) w.examples.push(example);
    this.warnings.set(code, w);
  }
  list() {
    return [...this.warnings.values()];
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function str(c: Collector, entry: Record<string, unknown>, field: string, where: string, { required = false, max = 500 } = {}): string | null {
  const v = entry[field];
  if (v === undefined || v === null || v === '') {
    if (required) c.error(`${where}.${field}`, 'is missing');
    return null;
  }
  if (typeof v !== 'string') {
    c.error(`${where}.${field}`, `must be text, not ${Array.isArray(v) ? 'a list' : typeof v}`);
    return null;
  }
  if (!v.isWellFormed() || CONTROL.test(v)) {
    c.error(`${where}.${field}`, 'contains invalid Unicode or a control character');
    return null;
  }
  if (v.length > max) {
    c.error(`${where}.${field}`, `is longer than ${max} characters`);
    return null;
  }
  const t = v.trim();
  if (t !== v) c.warn('TRIMMED', 'text with surrounding spaces was trimmed', `${where}.${field} ${JSON.stringify(v)}`);
  if (!t && required) c.error(`${where}.${field}`, 'is blank');
  return t || null;
}

function lastDayOfMonth(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Full dates pass; "2016" and "2016-05" widen to the first (start) or last (end) day, with a warning. */
function date(c: Collector, entry: Record<string, unknown>, field: string, where: string, end: boolean): string | null {
  const v = str(c, entry, field, where, { max: 40 });
  if (!v) return null;
  if (FULL_DATE.test(v)) {
    const d = new Date(v + 'T00:00:00Z');
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v) return v;
    c.error(`${where}.${field}`, `"${v}" is not a real calendar date`);
    return null;
  }
  const m = PARTIAL_DATE.exec(v);
  if (m) {
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) : end ? 12 : 1;
    if (mo < 1 || mo > 12) {
      c.error(`${where}.${field}`, `"${v}" has no such month`);
      return null;
    }
    const day = end ? lastDayOfMonth(y, mo) : 1;
    c.warn('PARTIAL_DATE', `partial dates were widened to the ${end ? 'last' : 'first'} day they cover`, `${where}.${field} "${v}"`);
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  c.error(`${where}.${field}`, `"${v}" is not a date (YYYY-MM-DD)`);
  return null;
}

function extras(c: Collector, entry: Record<string, unknown>, keep: string[], mapped: string[], where: string, kind: string) {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (mapped.includes(k)) continue;
    if (!keep.includes(k)) c.warn(`UNKNOWN_FIELD_${kind.toUpperCase()}`, `${kind} fields that Popolo does not define were kept as they are`, `${where}.${k}`);
    extra[k] = v;
  }
  return extra;
}

const derivedKey = (parts: (string | null)[]) => 'derived:' + createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);


function entryKey(c: Collector, e: Record<string, unknown>, where: string, kind: string, fallback: (string | null)[]): string {
  const id = e.id;
  if (id === undefined || id === null || id === '') {
    c.warn(`MISSING_ID_${kind.toUpperCase()}`, `${kind}s without an id are matched by their content on re-import`, where);
    return derivedKey(fallback);
  }
  if (typeof id !== 'string' && typeof id !== 'number') {
    c.error(`${where}.id`, 'must be text');
    return derivedKey(fallback);
  }
  const s = String(id);
  if (s.length > 300 || !s.isWellFormed() || CONTROL.test(s)) c.error(`${where}.id`, 'is too long or has invalid characters');
  return s;
}


const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Checks a Popolo document entry by entry, so a file can be checked as it streams past: the
 * entries it returns are what gets imported, and what it keeps between entries is per key only
 * (ids seen, folded names, each post's organization), never the entries themselves. Feed it
 * organizations, persons, posts, then memberships (a membership may take its organization from
 * its post), then call finish().
 */
export class PopoloChecker {
  private c = new Collector();
  /** Problems found across entries, reported after every entry's own (as the whole-file check always did). */
  private late = new Collector();
  private ids = { persons: new Map<string, number>(), organizations: new Map<string, number>(), posts: new Map<string, number>() };
  private names = { persons: new Map<string, string>(), organizations: new Map<string, string>() };
  private postOrganization = new Map<string, string | null>();
  private membershipKeys = new Set<string>();
  /** Positions of memberships that repeat an earlier one, so a second reading can skip them without keeping every key. */
  readonly repeatedMemberships = new Set<number>();

  /** crossChecks false: only convert entries (already checked once), keeping no ids, names or keys. */
  constructor(private readonly opts: { crossChecks?: boolean } = {}) {}

  topLevel(doc: Record<string, unknown>) {
    const c = this.c;
    for (const k of Object.keys(doc)) if (!TOP_LEVEL.includes(k)) c.warn('UNKNOWN_TOP_LEVEL', 'top-level fields that Popolo does not define were ignored', k);
    if (doc.warnings !== undefined && doc.warnings !== null) {
      c.warn('SOURCE_WARNINGS', 'the file carries warnings from whoever produced it', JSON.stringify(doc.warnings).slice(0, 300));
    }
    for (const k of ['events', 'areas', 'motions', 'vote_events', 'speeches']) {
      const n = typeof doc[k] === 'number' ? (doc[k] as number) : Array.isArray(doc[k]) ? (doc[k] as unknown[]).length : 0;
      if (n) c.warn('NOT_IMPORTED', 'these Popolo collections are not part of the registry and were not imported', `${k} (${n})`);
    }
  }

  /** A top-level collection that is not a list. */
  notAList(field: string) {
    this.c.error(field, 'must be a list');
  }

  private entry(field: string, i: number, e: unknown): e is Record<string, unknown> {
    if (isObj(e)) return true;
    this.c.error(`${field}[${i}]`, 'must be an object');
    return false;
  }

  private unique(kind: 'persons' | 'organizations' | 'posts', key: string, i: number) {
    if (key.startsWith('derived:') || this.opts.crossChecks === false) return;
    const j = this.ids[kind].get(key);
    if (j !== undefined) this.late.error(`${kind}[${i}].id`, `"${key}" is also the id of ${kind}[${j}]`);
    else this.ids[kind].set(key, i);
  }

  private sameName(kind: 'persons' | 'organizations', folded: string, label: string, code: string, message: string) {
    if (this.opts.crossChecks === false) return;
    const prev = this.names[kind].get(folded);
    if (prev) this.late.warn(code, message, `${prev} / ${label}`);
    else this.names[kind].set(folded, label);
  }

  organization(e: unknown, i: number): OrganizationIn | null {
    if (!this.entry('organizations', i, e)) return null;
    const c = this.c;
    const where = `organizations[${i}]`;
    const name = str(c, e, 'name', where, { required: true, max: 300 }) ?? '';
    const o: OrganizationIn = {
      key: entryKey(c, e, where, 'organization', [name]),
      name,
      kind: str(c, e, 'classification', where, { max: 100 }) ?? 'organization',
      parentKey: str(c, e, 'parent_id', where, { max: 300 }),
      foundingDate: date(c, e, 'founding_date', where, false),
      dissolutionDate: date(c, e, 'dissolution_date', where, true),
      extra: extras(c, e, ORG_KEEP, ORG_MAPPED, where, 'organization'),
    };
    this.unique('organizations', o.key, i);
    this.sameName('organizations', `${o.kind}|${fold(o.name)}`, `"${o.name}" (${o.key})`, 'DUPLICATE_ORGANIZATION_NAME', 'different organizations share a name; check that they are not the same organization');
    return o;
  }

  person(e: unknown, i: number): PersonIn | null {
    if (!this.entry('persons', i, e)) return null;
    const c = this.c;
    const where = `persons[${i}]`;
    const given = str(c, e, 'given_name', where, { max: 200 });
    const family = str(c, e, 'family_name', where, { max: 200 });
    let name = str(c, e, 'name', where, { max: 300 });
    if (!name) {
      name = [given, family].filter(Boolean).join(' ');
      if (!name) c.error(`${where}.name`, 'is missing (and there is no given_name or family_name)');
    }
    const otherNames: string[] = [];
    const on = e.other_names;
    if (on !== undefined) {
      if (!Array.isArray(on)) c.error(`${where}.other_names`, 'must be a list');
      else on.forEach((o, j) => {
        const n = isObj(o) ? str(c, o, 'name', `${where}.other_names[${j}]`, { required: true, max: 200 }) : null;
        if (!isObj(o)) c.error(`${where}.other_names[${j}]`, 'must be an object with a name');
        if (n) otherNames.push(n);
      });
    }
    const extra = extras(c, e, PERSON_KEEP, PERSON_MAPPED, where, 'person');
    if (e.additional_name !== undefined) extra.additional_name = e.additional_name;
    if (Array.isArray(on)) extra.other_names = on;
    const p: PersonIn = {
      key: entryKey(c, e, where, 'person', [name]),
      name,
      givenName: given,
      familyName: family,
      otherNames,
      summary: str(c, e, 'summary', where, { max: 2000 }),
      deathDate: date(c, e, 'death_date', where, false),
      extra,
    };
    this.unique('persons', p.key, i);
    this.sameName('persons', fold(p.name), `"${p.name}" (${p.key})`, 'DUPLICATE_PERSON_NAME', 'different persons share a name; check that they are not the same person');
    return p;
  }

  post(e: unknown, i: number): PostIn | null {
    if (!this.entry('posts', i, e)) return null;
    const c = this.c;
    const where = `posts[${i}]`;
    const label = str(c, e, 'label', where, { required: true, max: 200 }) ?? '';
    const organizationKey = str(c, e, 'organization_id', where, { max: 300 });
    const p: PostIn = {
      key: entryKey(c, e, where, 'post', [label, organizationKey]),
      label,
      role: str(c, e, 'role', where, { max: 200 }),
      organizationKey,
      extra: extras(c, e, POST_KEEP, POST_MAPPED, where, 'post'),
    };
    this.unique('posts', p.key, i);
    if (!this.postOrganization.has(p.key)) this.postOrganization.set(p.key, p.organizationKey);
    return p;
  }

  /** A post already checked, so memberships read again can take their organization from it. */
  knowPost(p: PostIn) {
    if (!this.postOrganization.has(p.key)) this.postOrganization.set(p.key, p.organizationKey);
  }

  /** A membership, or null when it is not an object or repeats one already seen (imported once). */
  membership(e: unknown, i: number): MembershipIn | null {
    if (!this.entry('memberships', i, e)) return null;
    const c = this.c;
    const where = `memberships[${i}]`;
    const personKey = str(c, e, 'person_id', where, { required: true, max: 300 }) ?? '';
    let organizationKey = str(c, e, 'organization_id', where, { max: 300 });
    const postKey = str(c, e, 'post_id', where, { max: 300 });
    const role = str(c, e, 'role', where, { max: 200 });
    const onBehalfOfKey = str(c, e, 'on_behalf_of_id', where, { max: 300 });
    const startDate = date(c, e, 'start_date', where, false);
    const endDate = date(c, e, 'end_date', where, true);
    if (startDate && endDate && endDate < startDate) c.error(`${where}.end_date`, `is before start_date (${startDate})`);
    if (!organizationKey && postKey) organizationKey = this.postOrganization.get(postKey) ?? null;
    if (!organizationKey) c.error(`${where}.organization_id`, 'is missing (and no post names an organization)');
    const m: MembershipIn = {
      key: entryKey(c, e, where, 'membership', [personKey, organizationKey, postKey, role, onBehalfOfKey, startDate, endDate]),
      personKey,
      organizationKey: organizationKey ?? '',
      postKey,
      role,
      onBehalfOfKey,
      startDate,
      endDate,
      extra: extras(c, e, MEMBERSHIP_KEEP, MEMBERSHIP_MAPPED, where, 'membership'),
    };
    if (this.opts.crossChecks === false) return m; // repeats were found in the checking pass
    if (this.membershipKeys.has(m.key)) {
      this.late.warn('DUPLICATE_MEMBERSHIP', 'memberships repeated in the file were imported once', where);
      this.repeatedMemberships.add(i);
      return null;
    }
    this.membershipKeys.add(m.key);
    return m;
  }

  finish(): { errors: PopoloProblem[]; warnings: PopoloWarning[] } {
    for (const e of this.late.errors) this.c.error(e.path, e.message);
    const warnings = this.c.list();
    for (const w of this.late.list()) {
      const same = warnings.find((x) => x.code === w.code);
      if (same) {
        same.count += w.count;
        same.examples = [...same.examples, ...w.examples].slice(0, 5);
      } else warnings.push(w);
    }
    return { errors: this.c.errors, warnings };
  }
}

export function checkPopolo(doc: unknown): CheckedPopolo {
  const empty = { persons: [], organizations: [], posts: [], memberships: [] };
  const checker = new PopoloChecker();
  if (!isObj(doc)) {
    const c = new Collector();
    c.error('(top)', 'a Popolo file is a JSON object with "persons", "organizations", "memberships"…');
    return { ...empty, errors: c.errors, warnings: c.list() };
  }
  checker.topLevel(doc);
  const each = <T>(field: string, fn: (e: unknown, i: number) => T | null): T[] => {
    const v = doc[field];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      checker.notAList(field);
      return [];
    }
    const out: T[] = [];
    v.forEach((e, i) => {
      const r = fn(e, i);
      if (r) out.push(r);
    });
    return out;
  };
  const organizations = each('organizations', (e, i) => checker.organization(e, i));
  const persons = each('persons', (e, i) => checker.person(e, i));
  const posts = each('posts', (e, i) => checker.post(e, i));
  const memberships = each('memberships', (e, i) => checker.membership(e, i));
  return { persons, organizations, posts, memberships, ...checker.finish() };
}


/** Orders organizations so that every parent comes before its children; a cycle is an error. */
export function parentsFirst(orgs: OrganizationIn[]): { ordered: OrganizationIn[]; cycle: string | null } {
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: OrganizationIn[] = [];
  let cycle: string | null = null;
  const visit = (o: OrganizationIn) => {
    const s = state.get(o.key);
    if (s === 'done') return;
    if (s === 'visiting') {
      cycle ??= o.key;
      return;
    }
    state.set(o.key, 'visiting');
    const parent = o.parentKey ? byKey.get(o.parentKey) : undefined;
    if (parent) visit(parent);
    state.set(o.key, 'done');
    ordered.push(o);
  };
  for (const o of orgs) visit(o);
  return { ordered, cycle };
}
