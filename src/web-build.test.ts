import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { decideWebBuild, webBuildState, OWN_WEB_DIST } from './web-build.ts';

describe('serve builds the web app when it must', () => {
  const base = { ownBuild: true, builtAt: 2000, sourcesAt: 1000, viteAvailable: true };

  it('builds it when it was never built (right after npm ci)', () => {
    expect(decideWebBuild({ ...base, builtAt: null })).toEqual({ action: 'build', why: 'it is not built yet' });
  });

  it('builds it again when its sources are newer than the build', () => {
    expect(decideWebBuild({ ...base, sourcesAt: 3000 })).toMatchObject({ action: 'build' });
  });

  it('serves a build that is up to date without building', () => {
    expect(decideWebBuild(base)).toEqual({ action: 'serve' });
  });

  it('leaves alone a web folder it does not build (SANDSTONE_WEB_DIST elsewhere) and an install without sources', () => {
    expect(decideWebBuild({ ...base, ownBuild: false, builtAt: null })).toEqual({ action: 'serve' });
    expect(decideWebBuild({ ...base, sourcesAt: null, builtAt: null })).toEqual({ action: 'serve' });
  });

  it('without vite, serves a stale build and says why it cannot build a missing one', () => {
    expect(decideWebBuild({ ...base, sourcesAt: 3000, viteAvailable: false })).toEqual({ action: 'serve' });
    expect(decideWebBuild({ ...base, builtAt: null, viteAvailable: false })).toMatchObject({ action: 'cannot_build', why: expect.stringMatching(/vite/) });
  });

  it('knows the default web folder as its own build, whichever way the path is written', () => {
    expect(webBuildState('./dist/web').ownBuild).toBe(path.resolve('./dist/web') === OWN_WEB_DIST);
    expect(webBuildState(OWN_WEB_DIST + '/').ownBuild).toBe(true);
    expect(webBuildState('/somewhere/else').ownBuild).toBe(false);
    expect(webBuildState(OWN_WEB_DIST).viteAvailable).toBe(true);
  });
});
