// What a module brings to the web app: its pages, its places in the main navigation, and parts of
// the header. The shell (router, header) reads these and knows no module by name, as the server's
// kernel does.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

export interface WebModule {
  name: string;
  /** Pages, under the shell's layout; paths without a leading slash. */
  routes: RouteObject[];
  /** Entries in the main navigation, in order; `needs` hides one from whoever lacks that action;
   *  `count` is shown beside the label (how many items await you, say). */
  nav?: { to: string; label: string; needs?: string; count?: ComponentType }[];
  /** Parts shown in the header on every page (a lookup box, say), in module order. */
  header?: ComponentType[];
}
