// Hawk post: the pigeon hole, a message, writing one, the aviary board, and the urgent-post alert.
import type { WebModule } from '../../app/module.ts';
import { PigeonHolePage } from './PigeonHolePage.tsx';
import { MessagePage } from './MessagePage.tsx';
import { ComposePage } from './ComposePage.tsx';
import { AviaryPage } from './AviaryPage.tsx';
import { SentPage } from './SentPage.tsx';
import { UrgentPost } from './UrgentPost.tsx';
import './post.css';

export const postWeb: WebModule = {
  name: 'post',
  routes: [
    { path: 'post', element: <PigeonHolePage /> },
    { path: 'post/sent', element: <SentPage /> },
    { path: 'post/compose', element: <ComposePage /> },
    { path: 'post/messages/:code', element: <MessagePage /> },
    { path: 'post/aviary', element: <AviaryPage /> },
  ],
  nav: [{ to: '/post', label: 'Post', needs: 'post.read' }, { to: '/post/aviary', label: 'Aviary', needs: 'post.aviary' }],
  header: [UrgentPost],
};
