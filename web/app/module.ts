// What a module brings to the web app: its pages and its places in the main navigation. The
// shell (router, header) reads these and knows no module by name, as the server's kernel does.
import type { RouteObject } from 'react-router';

export interface WebModule {
  name: string;
  /** Pages, under the shell's layout; paths without a leading slash. */
  routes: RouteObject[];
  /** Entries in the main navigation, in order; `needs` hides one from whoever lacks that action. */
  nav?: { to: string; label: string; needs?: string }[];
}
