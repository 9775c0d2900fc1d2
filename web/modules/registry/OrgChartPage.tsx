// Task: see how the village is organized — who answers to whom — at a glance.
import { Link } from 'react-router';
import type { KeyboardEvent } from 'react';
import { isWithheld, type Organization } from '../../app/types.ts';
import { Loading, Problem } from '../../shared/ui.tsx';
import { useOrganizations, useVillages } from './queries.ts';

interface Node { org: Organization; children: Node[] }

function forest(orgs: Organization[]): Node[] {
  const nodes = new Map(orgs.map((o) => [o.id, { org: o, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    // A unit whose parent is withheld (not shown at the reader's clearance) stands at the top.
    const parent = typeof n.org.parentId === 'string' ? nodes.get(n.org.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (ns: Node[]) => {
    ns.sort((a, b) => b.children.length - a.children.length || a.org.name.localeCompare(b.org.name));
    ns.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/**
 * The ARIA tree keyboard pattern: the tree is one Tab stop; arrows move within it (Down/Up the
 * next/previous organization, Right into the first unit, Left back to the parent, Home/End the
 * ends); Enter opens the organization.
 */
function moveInTree(e: KeyboardEvent<HTMLUListElement>) {
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a.org-node')];
  const here = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (here < 0) return;
  const item = links[here]!.closest('li');
  let next: HTMLAnchorElement | null | undefined;
  if (e.key === 'ArrowDown') next = links[here + 1];
  else if (e.key === 'ArrowUp') next = links[here - 1];
  else if (e.key === 'Home') next = links[0];
  else if (e.key === 'End') next = links[links.length - 1];
  else if (e.key === 'ArrowRight') next = item?.querySelector<HTMLAnchorElement>(':scope > ul > li > a.org-node');
  else if (e.key === 'ArrowLeft') next = item?.parentElement?.closest('li')?.querySelector<HTMLAnchorElement>(':scope > a.org-node');
  else return;
  e.preventDefault();
  if (!next) return;
  for (const l of links) l.tabIndex = l === next ? 0 : -1;
  next.focus();
}

function Tree({ nodes, level }: { nodes: Node[]; level: number }) {
  return (
    <ul className={level === 0 ? 'orgtree' : undefined} role={level === 0 ? 'tree' : 'group'} onKeyDown={level === 0 ? moveInTree : undefined}>
      {nodes.map((n, i) => (
        <li key={n.org.id} role="treeitem" aria-expanded={n.children.length ? true : undefined} aria-selected={false}>
          <Link to={`/organizations/${n.org.code ?? n.org.id}`} className="org-node" tabIndex={level === 0 && i === 0 ? 0 : -1}>
            <span className="org-name">{n.org.name}</span>
            <span className="org-kind">{n.org.kind}{isWithheld(n.org.parentId) ? ' · under a unit not shown at your clearance' : ''}</span>
          </Link>
          {n.children.length > 0 && <Tree nodes={n.children} level={level + 1} />}
        </li>
      ))}
    </ul>
  );
}

export function OrgChartPage() {
  const orgs = useOrganizations();
  const villages = useVillages();
  if (orgs.isPending || villages.isPending) return <Loading what="organizations" />;
  if (orgs.isError) return <Problem error={orgs.error} retry={() => orgs.refetch()} />;
  if (villages.isError) return <Problem error={villages.error} retry={() => villages.refetch()} />;
  const groups = [
    ...villages.data
      .map((v) => ({ key: v.id, title: v.name, subtitle: v.land, orgs: orgs.data.items.filter((o) => o.village?.id === v.id) }))
      .sort((a, b) => b.orgs.length - a.orgs.length),
    { key: 'none', title: 'Other organizations', subtitle: 'not tied to a village', orgs: orgs.data.items.filter((o) => !o.village) },
  ].filter((g) => g.orgs.length > 0);
  return (
    <div>
      <h1>Organizations</h1>
      <p className="lede">Who answers to whom, village by village. Select an organization to see its posts and members (in a chart, the arrow keys move between them).</p>
      {groups.map((g) => (
        <section key={g.key} className="org-group" aria-labelledby={`g-${g.key}`}>
          <h2 id={`g-${g.key}`}>{g.title} {g.subtitle && <span className="muted">· {g.subtitle}</span>}</h2>
          <Tree nodes={forest(g.orgs)} level={0} />
        </section>
      ))}
    </div>
  );
}
