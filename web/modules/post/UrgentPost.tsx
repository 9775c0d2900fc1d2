// In the header of every page: a FLASH or IMMEDIATE message delivered to you, or to an office you
// are a member of, is announced at once, wherever you are, with a link to it (the event says only
// that it arrived and that it is yours to read, never what it says).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { onLiveEvent } from '../../app/live.tsx';
import { useSession } from '../../app/session.tsx';

export function UrgentPost() {
  const session = useSession();
  const me = session.user?.personId;
  const [arrived, setArrived] = useState<{ precedence: string; messageId: string; office: boolean } | null>(null);
  useEffect(() => onLiveEvent((e) => {
    const p = e.payload ?? {};
    if (e.type === 'post.delivery.changed' && p.state === 'delivered' && me && p.forYou === true && (p.precedence === 'flash' || p.precedence === 'immediate')) {
      setArrived({ precedence: String(p.precedence), messageId: String(p.messageId), office: p.recipient !== me });
    }
  }), [me]);
  if (!arrived) return null;
  return (
    <div className={`urgent-post urgent-post-${arrived.precedence}`} role="alert">
      <strong>{arrived.precedence.toUpperCase()}</strong> message arrived for {arrived.office ? 'your office' : 'you'}. <Link to={`/post/messages/${arrived.messageId}`} onClick={() => setArrived(null)}>Read it</Link>
      {' '}<button type="button" className="link-button" onClick={() => setArrived(null)}>Later</button>
    </div>
  );
}
