// Attacks every route described in the OpenAPI document with malformed requests: wrong types,
// missing and extra fields, huge and negative numbers, invalid Unicode, injection strings.
// Nothing may answer 5xx, and nothing rejected may change the database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../testing/http.ts';
import { loadDemoWorld } from '../../world/demo.ts';

const NASTY_STRINGS = [
  '', ' ', "' OR '1'='1", '"; DROP TABLE registry_person; --', '%', '_', '\\', '../../../etc/passwd', '<script>alert(1)</script>',
  '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202e', '𝕊𝕒𝕟𝕕', 'x'.repeat(100_000), '${jndi:ldap://x}', '{{7*7}}', '1e309', 'NaN', '-0',
];
const NASTY_NUMBERS = [-1, -2147483649, 2 ** 53 + 1, 1e308, -1e308, 0.5, 1e-320];
const WRONG_TYPES: unknown[] = [null, true, 12, -3.5, 'text', [], [1, 2], {}, { $gt: '' }];

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; anyOf?: Schema[]; minimum?: number };

/** A value that satisfies the schema's shape, to which one mutation at a time is applied. */
function sample(s: Schema | undefined): unknown {
  if (!s) return 'x';
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf.find((a) => a.type !== 'null'));
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (t) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k])]));
    case 'array': return [];
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return true;
    default: return 'x';
  }
}

/** Percent-encodes; a lone surrogate becomes the raw bytes of one (invalid UTF-8), as an attacker would send. */
const enc = (v: string) => (v.isWellFormed() ? encodeURIComponent(v) : '%ED%A0%80');

interface Attack { label: string; method: string; url: string; headers?: Record<string, string>; payload?: string }

function attacks(doc: any): Attack[] {
  const out: Attack[] = [];
  for (const [p, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const params: any[] = op.parameters ?? [];
      const pathParams = params.filter((x) => x.in === 'path');
      const query = params.filter((x) => x.in === 'query');
      const fill = (v: string) => p.replace(/\{[^}]+\}/g, enc(v));
      const base = fill('01NOTANID');
      const M = method.toUpperCase();
      if (pathParams.length) {
        for (const s of NASTY_STRINGS.slice(0, 12)) out.push({ label: `${M} ${p} path=${JSON.stringify(s).slice(0, 30)}`, method: M, url: fill(s || 'x') });
        out.push({ label: `${M} ${p} path=lone surrogate`, method: M, url: p.replace(/\{[^}]+\}/g, '%ED%A0%80') });
        out.push({ label: `${M} ${p} path=huge`, method: M, url: fill('x'.repeat(5000)) });
      }
      for (const q of query) {
        const vals = [...NASTY_STRINGS.slice(0, 16).map(String), ...NASTY_NUMBERS.map(String), 'abc', '99999999999999999999999', '-5'];
        for (const v of vals) out.push({ label: `${M} ${p} ?${q.name}=${v.slice(0, 20)}`, method: M, url: `${base}?${q.name}=${enc(v)}` });
        out.push({ label: `${M} ${p} ?${q.name} twice`, method: M, url: `${base}?${q.name}=a&${q.name}=b` });
        out.push({ label: `${M} ${p} ?${q.name}[x]`, method: M, url: `${base}?${q.name}[x]=1` });
      }
      if (M === 'GET') out.push({ label: `${M} ${p} unknown query`, method: M, url: `${base}?__proto__=1&constructor=2&zzz=3` });
      const schema: Schema | undefined = op.requestBody?.content?.['application/json']?.schema;
      if (schema) {
        const json = { 'content-type': 'application/json' };
        const good = sample(schema) as Record<string, unknown>;
        const send = (label: string, body: unknown) => out.push({ label: `${M} ${p} ${label}`, method: M, url: base, headers: json, payload: JSON.stringify(body) });
        for (const v of [null, [], 'text', 42, true]) send(`body=${JSON.stringify(v)}`, v);
        send('body={}', {});
        send('extra field', { ...good, unexpected: 1 });
        send('__proto__ pollution', JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good).slice(1, -1) || '"a":1'}}`));
        out.push({ label: `${M} ${p} malformed JSON`, method: M, url: base, headers: json, payload: '{"a":' });
        out.push({ label: `${M} ${p} wrong content type`, method: M, url: base, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
        out.push({ label: `${M} ${p} body over the limit`, method: M, url: base, headers: json, payload: JSON.stringify({ x: 'y'.repeat(1_100_000) }) });
        out.push({ label: `${M} ${p} invalid UTF-8 bytes`, method: M, url: base, headers: json, payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1') });
        for (const [k, prop] of Object.entries(schema.properties ?? {})) {
          for (const w of WRONG_TYPES) send(`${k}=${JSON.stringify(w)}`, { ...good, [k]: w });
          for (const s of NASTY_STRINGS) send(`${k}=${JSON.stringify(s).slice(0, 20)}`, { ...good, [k]: s });
          for (const n of NASTY_NUMBERS) send(`${k}=${n}`, { ...good, [k]: n });
          if ((schema.required ?? []).includes(k)) {
            const { [k]: _drop, ...rest } = good;
            send(`without ${k}`, rest);
          }
          void prop;
        }
      }
    }
  }
  return out;
}

describe.each(DIALECTS)('malformed requests on %s', (dialect) => {
  let s: TestServer;
  let kazekage: TestSession;
  beforeAll(async () => {
    s = await openTestServer(dialect);
    await loadDemoWorld(s.app.ctx);
    // Logged in with every permission and clearance, so malformed input reaches the services.
    kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
  });
  afterAll(async () => s?.close());

  /** Counts and versions of every registry table: any insert or update moves it. */
  async function fingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const t of ['registry_village', 'registry_organization', 'registry_post', 'registry_person', 'registry_person_name_token', 'registry_person_status', 'registry_membership', 'registry_revision', 'registry_identifier', 'kernel_account', 'kernel_session']) {
      const versioned = !['registry_village', 'registry_person_name_token', 'registry_person_status', 'registry_revision', 'registry_identifier', 'kernel_session'].includes(t);
      const r = await sql<{ n: number; v: number }>`select count(*) as n, ${versioned ? sql`coalesce(sum(version), 0)` : sql`0`} as v from ${sql.table(t)}`.execute(s.app.ctx.db);
      parts.push(`${t}:${r.rows[0]!.n}:${r.rows[0]!.v}`);
    }
    return parts.join(' ');
  }

  it('answers every malformed request with a 4xx (never 5xx), and rejected ones change nothing', async () => {
    const doc = (await s.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const all = attacks(doc);
    expect(all.length).toBeGreaterThan(500);
    const failures: string[] = [];
    let rejected = 0;
    for (const a of all) {
      const before = a.method === 'GET' ? '' : await fingerprint();
      const r = await s.http.inject({ method: a.method as any, url: a.url, headers: kazekage.headers(a.headers), payload: a.payload });
      if (r.statusCode >= 500) failures.push(`${a.label} → ${r.statusCode} ${r.body.slice(0, 200)}`);
      if (r.statusCode >= 400) {
        rejected++;
        const body = r.json();
        if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') failures.push(`${a.label} → ${r.statusCode} without an error body`);
        if (a.method !== 'GET' && (await fingerprint()) !== before) failures.push(`${a.label} → ${r.statusCode} but the database changed`);
      }
    }
    expect(failures).toEqual([]);
    expect(rejected).toBeGreaterThan(all.length / 2);
  }, 300_000);
});
