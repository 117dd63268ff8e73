/** A signal that changes whenever the editor's state does, for toolbars to re-read `isActive`. */
import type { Editor } from '@tiptap/core';
import { createSignal, onCleanup } from 'solid-js';

export function trackEditor(editor: Editor) {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  editor.on('transaction', bump);
  editor.on('focus', bump);
  editor.on('blur', bump);
  onCleanup(() => {
    editor.off('transaction', bump);
    editor.off('focus', bump);
    editor.off('blur', bump);
  });
  return <T,>(read: () => T): T => {
    version();
    return read();
  };
}

const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Mod-Shift-7" → "Ctrl+Shift+7" (or "⌘⇧7" on Apple devices). */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-');
  if (isApple()) return parts.map((p) => ({ Mod: '⌘', Shift: '⇧', Alt: '⌥' })[p] ?? p.toUpperCase()).join('');
  return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p.length === 1 ? p.toUpperCase() : p)).join('+');
}
