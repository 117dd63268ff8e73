/** The window title follows the page (and the language): "Documents · Codraft". */
import { createEffect, onCleanup } from 'solid-js';

export function usePageTitle(title: () => string) {
  createEffect(() => {
    document.title = `${title()} · Codraft`;
  });
  onCleanup(() => {
    document.title = 'Codraft';
  });
}
