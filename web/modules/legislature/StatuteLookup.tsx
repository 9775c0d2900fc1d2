// The header's statute lookup, on every page: a statute reference goes straight to the statute
// (at the subdivision it names), "Title 14" to that title in the index, anything else to the law search.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { parseLookup, parseTitleLookup } from './queries.ts';

export function StatuteLookup() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  return (
    <form className="statute-lookup" role="search" aria-label="Statutes"
      onSubmit={(e) => {
        e.preventDefault();
        const q = text.trim();
        if (!q) return;
        const ref = parseLookup(q);
        const title = parseTitleLookup(q);
        navigate(ref ? `/statutes/${ref.code}${ref.eId === `sec_${ref.code}` ? '' : `#${ref.eId}`}` : title ? `/statutes#title_${title}` : `/search?q=${encodeURIComponent(q)}`);
        setText('');
        // Reading goes on in the page, as after following a link.
        document.getElementById('main')?.focus();
      }}>
      <label htmlFor="statute-lookup" className="visually-hidden">Look up a statute by number, or search the law</label>
      <input id="statute-lookup" type="search" data-hotkey="/" placeholder="Statute or words…" autoComplete="off" value={text}
        onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="statute-lookup-go"><span aria-hidden="true">→</span><span className="visually-hidden">Go</span></button>
    </form>
  );
}
