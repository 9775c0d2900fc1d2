// Builds the web app before serving when it is missing or older than its sources, so
// `npx sandstone serve` right after `npm ci` serves the app instead of a page asking for a build.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where vite.config.ts puts the build. */
export const OWN_WEB_DIST = path.join(ROOT, 'dist/web');

export interface WebBuildState {
  /** The configured folder is the one our own build writes (a SANDSTONE_WEB_DIST elsewhere is someone else's to build). */
  ownBuild: boolean;
  /** mtime of the built index.html, or null when there is none. */
  builtAt: number | null;
  /** The newest mtime among the web sources and the vite config; null when the sources are not here. */
  sourcesAt: number | null;
  /** vite is installed (a production install without dev dependencies has none). */
  viteAvailable: boolean;
}

export type WebBuildDecision = { action: 'serve' } | { action: 'build'; why: string } | { action: 'cannot_build'; why: string };

/** What to do before serving: pure, so each case is tested without building anything. */
export function decideWebBuild(s: WebBuildState): WebBuildDecision {
  if (!s.ownBuild || s.sourcesAt === null) return { action: 'serve' };
  const why = s.builtAt === null ? 'it is not built yet' : s.sourcesAt > s.builtAt ? 'its sources changed since it was built' : null;
  if (!why) return { action: 'serve' };
  // A stale build still works: serve it rather than fail when vite is not there.
  if (!s.viteAvailable) return s.builtAt === null ? { action: 'cannot_build', why: 'vite is not installed (install with dev dependencies, or run `npm run build` where it is)' } : { action: 'serve' };
  return { action: 'build', why };
}

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');

export function webBuildState(webDist: string): WebBuildState {
  const index = path.join(OWN_WEB_DIST, 'index.html');
  const sources = path.join(ROOT, 'web');
  return {
    ownBuild: path.resolve(webDist) === OWN_WEB_DIST,
    builtAt: fs.existsSync(index) ? fs.statSync(index).mtimeMs : null,
    sourcesAt: fs.existsSync(sources) ? Math.max(newest(sources), newest(path.join(ROOT, 'vite.config.ts'))) : null,
    viteAvailable: fs.existsSync(VITE),
  };
}

/** Builds the web app if it must be; says so on stderr. Throws when the build fails. */
export function ensureWebBuilt(webDist: string, log: (line: string) => void = (l) => console.error(l)): WebBuildDecision {
  const decision = decideWebBuild(webBuildState(webDist));
  if (decision.action === 'cannot_build') log(`The web app cannot be built: ${decision.why}. Serving the API only.`);
  if (decision.action !== 'build') return decision;
  log(`Building the web app (${decision.why})…`);
  const r = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`Building the web app failed (vite exited with ${r.status ?? r.signal}); run \`npm run build\` to see why.`);
  return decision;
}
