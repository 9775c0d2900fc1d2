// Task: look at one organization — its place in the chart, its posts and who holds them, its members on a date — and grow it.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import { isWithheld, type OrganizationDetail, type Ref } from '../../app/types.ts';
import { Breadcrumbs, ClassificationTag, Loading, Problem, WithheldRef, formatDate } from '../../shared/ui.tsx';
import { useOrganizations } from './queries.ts';
import { PostForm, UnitForm } from './OrganizationForms.tsx';
import { LabelForm } from './LabelForm.tsx';
import { useSession } from '../../app/session.tsx';

export function OrganizationPage() {
  const { id = '' } = useParams();
  const [asOf, setAsOf] = useState('');
  const session = useSession();
  const qc = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'unit' | 'post' | 'label'>('none');
  const [flash, setFlash] = useState<{ text: string; link?: [string, string] } | null>(null);
  // Moving to another organization (this page stays mounted) leaves the last one's forms behind.
  useEffect(() => {
    setPanel('none');
    setFlash(null);
  }, [id]);
  const done = (text: string, link?: [string, string]) => {
    qc.invalidateQueries({ queryKey: ['organization'] });
    qc.invalidateQueries({ queryKey: ['organizations'] });
    setPanel('none');
    setFlash({ text, link });
  };
  const all = useOrganizations();
  const org = useQuery({
    queryKey: ['organization', id, asOf],
    queryFn: () => api<OrganizationDetail>(`/api/registry/organizations/${encodeURIComponent(id)}${qs({ asOf })}`),
  });
  if (org.isPending) return <Loading what="organization" />;
  if (org.isError) return <Problem error={org.error} retry={() => org.refetch()} />;
  const o = org.data;
  const byId = new Map(all.data?.items.map((x) => [x.id, x]) ?? []);
  const ancestors: { id: string; code: string | null; name: string }[] = [];
  const parentOf = (x: { parentId: Ref<string> | null }) => (typeof x.parentId === 'string' ? byId.get(x.parentId) : undefined);
  let top: { parentId: Ref<string> | null } = o;
  for (let p = parentOf(o); p; p = parentOf(p)) {
    ancestors.unshift(p);
    top = p;
  }
  // A unit above that the reader may not see: said so, not named.
  const hiddenAbove = isWithheld(top.parentId);
  const holders = new Map<string, typeof o.members>();
  for (const m of o.members) if (m.post && !isWithheld(m.post)) holders.set(m.post.id, [...(holders.get(m.post.id) ?? []), m]);

  return (
    <div>
      <Breadcrumbs trail={[['Organizations', '/organizations'], ...(hiddenAbove ? [['a unit not shown at your clearance'] as [string]] : []), ...ancestors.map((a): [string, string] => [a.name, `/organizations/${a.code ?? a.id}`]), [o.name]]} />
      <h1>{o.name} <ClassificationTag classification={o.classification} compartments={o.compartments} /></h1>
      <p className="lede">{o.kind}{o.village ? ` · ${o.village.name}` : ''}{o.foundingDate ? ` · founded ${formatDate(o.foundingDate)}` : ''}</p>
      {o.description && <p className="summary">{o.description}</p>}
      {flash && <div className="notice notice-success" role="status">{flash.text} {flash.link && <Link to={flash.link[1]}>{flash.link[0]}</Link>}</div>}

      {(session.can('registry.organization.create') || session.can('registry.post.create') || session.can('registry.relabel')) && (
        <div className="actions">
          {session.can('registry.organization.create') && <button className="button secondary" onClick={() => setPanel(panel === 'unit' ? 'none' : 'unit')} aria-expanded={panel === 'unit'}>Add a unit under it</button>}
          {session.can('registry.post.create') && <button className="button secondary" onClick={() => setPanel(panel === 'post' ? 'none' : 'post')} aria-expanded={panel === 'post'}>Add a post</button>}
          {session.can('registry.relabel') && <button className="button secondary" onClick={() => setPanel(panel === 'label' ? 'none' : 'label')} aria-expanded={panel === 'label'}>Change classification</button>}
        </div>
      )}
      {panel === 'unit' && <UnitForm parent={o} onCancel={() => setPanel('none')} onDone={(text, u) => done(text, [`Open ${u.name}`, `/organizations/${u.code ?? u.id}`])} />}
      {panel === 'post' && <PostForm organization={o} onCancel={() => setPanel('none')} onDone={(text) => done(text)} />}
      {panel === 'label' && <LabelForm url={`/api/registry/organizations/${o.id}/label`} what={o.name} current={o} onCancel={() => setPanel('none')} onDone={(text) => done(text)} />}

      {o.children.length > 0 && (
        <section aria-labelledby="units">
          <h2 id="units">Units under it</h2>
          <ul className="chips">
            {o.children.map((c) => <li key={c.id}><Link to={`/organizations/${c.code ?? c.id}`}>{c.name}</Link></li>)}
          </ul>
        </section>
      )}

      {o.posts.length > 0 && (
        <section aria-labelledby="posts">
          <h2 id="posts">Posts</h2>
          <table className="table">
            <thead><tr><th scope="col">Post</th><th scope="col">Held by{asOf ? ` on ${formatDate(asOf)}` : ' now'}</th></tr></thead>
            <tbody>
              {o.posts.map((t) => (
                <tr key={t.id}>
                  <td data-label="Post">{t.label}</td>
                  <td data-label="Held by">{holders.get(t.id)?.map((m) => <Link key={m.id} to={`/people/${m.person.id}`}>{m.person.displayName}</Link>) ?? <span className="muted">vacant</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="members">
        <div className="page-head">
          <h2 id="members">Members {asOf ? `on ${formatDate(asOf)}` : 'today'} <span className="muted">({o.members.length})</span></h2>
          <div className="field inline">
            <label htmlFor="org-asof">As of</label>
            <input id="org-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </div>
        </div>
        {o.members.length === 0 ? <p className="muted">No members on this date.</p> : (
          <table className="table">
            <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {o.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label="Name"><Link to={`/people/${m.person.id}`}>{m.person.displayName}</Link></th>
                  <td data-label="Role">{isWithheld(m.post) ? <WithheldRef what="A post" /> : m.post?.label ?? m.role ?? '—'}</td>
                  <td data-label="Since">{formatDate(m.startDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
