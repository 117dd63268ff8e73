/** Whether the browser believes it is online, as a signal. */
import { createSignal } from 'solid-js';

const [online, setOnline] = createSignal(navigator.onLine);
window.addEventListener('online', () => setOnline(true));
window.addEventListener('offline', () => setOnline(false));

export { online };
