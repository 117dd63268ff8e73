/** Entry point: global styles, the app, and (in production builds) the offline service worker. */
import { render } from 'solid-js/web';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/auth.css';
import { App } from './app/App';

const root = document.getElementById('app');
if (root) render(() => <App />, root);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No offline shell (e.g. plain http on a non-localhost name); everything else still works.
    });
  });
}
