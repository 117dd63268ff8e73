/** A signal that turns true once an element has scrolled into view (and stays true). */
import { createSignal, onCleanup } from 'solid-js';

export function createSeen(): [seen: () => boolean, ref: (element: Element) => void] {
  const [seen, setSeen] = createSignal(false);
  let observer: IntersectionObserver | undefined;
  const ref = (element: Element) => {
    if (typeof IntersectionObserver === 'undefined') return setSeen(true);
    observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      setSeen(true);
      observer?.disconnect();
    });
    observer.observe(element);
  };
  onCleanup(() => observer?.disconnect());
  return [seen, ref];
}
