/** Short notices ("Saved.", errors) shown in one live region; each fades after a few seconds. */
import { createSignal } from 'solid-js';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

export { toasts };

export function dismiss(id: number) {
  setToasts((list) => list.filter((t) => t.id !== id));
}

export function notify(text: string, kind: Toast['kind'] = 'info') {
  const id = nextId++;
  setToasts((list) => [...list.slice(-3), { id, kind, text }]);
  setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000);
}
