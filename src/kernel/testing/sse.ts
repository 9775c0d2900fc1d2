// Listening to a server's event stream (/api/events) in tests: the events as they arrive,
// whether the server has said it is connected, and whether it ended the stream.
import http from 'node:http';
import type { SandstoneEvent } from '../events/event-bus.ts';
import { createAccount } from '../auth/accounts.ts';
import type { Role } from '../auth/policy.ts';
import type { Level } from '../auth/labels.ts';
import type { TestServer } from './http.ts';
import { transact } from '../context.ts';

export function openEventStream(port: number, headers: Record<string, string> = {}) {
  const events: SandstoneEvent[] = [];
  let connected = false;
  let ended = false;
  const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.includes(': connected')) connected = true;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    });
    res.on('end', () => (ended = true));
  });
  req.on('error', () => (ended = true));
  return { events, connected: () => connected, ended: () => ended, close: () => req.destroy() };
}

/** Waits until what() holds, or fails after ms. */
export async function until(what: () => boolean, ms = 5000): Promise<void> {
  for (const t0 = Date.now(); !what(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
  }
}

let listeners = 0;
/** An account made (as the console would) and logged in, listening to the stream on `port`. */
export async function listenAs(s: Pick<TestServer, 'app' | 'http'>, port: number, account: { username: string; personId: string; role: Role; clearance: Level; compartments?: string[] }) {
  const password = `a long desert password, listener ${++listeners}`;
  await createAccount(s.app.ctx, { ...account, displayName: account.username, compartments: account.compartments ?? [], password });
  const login = await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password } });
  return openEventStream(port, { cookie: String(login.headers['set-cookie']).split(';')[0]! });
}

let markers = 0;
/**
 * Returns once every listener has heard a public event committed now. Events arrive in commit
 * order, so by then each has heard every earlier event meant for it, or never will: what lets a
 * test say an event was not heard.
 */
export async function heardAllBefore(s: Pick<TestServer, 'app'>, listeners: readonly ReturnType<typeof openEventStream>[]): Promise<void> {
  const n = ++markers;
  await transact(s.app.ctx, async (tx) => tx.emit('test.marker', { n }, { classification: 'public', compartments: [] }));
  await until(() => listeners.every((l) => l.events.some((e) => e.type === 'test.marker' && e.payload.n === n)));
}
