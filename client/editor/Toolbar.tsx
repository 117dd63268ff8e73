/**
 * The formatting toolbar (editors only): undo/redo (my own edits), text style, bold/italic/
 * underline, lists, alignment, tables. One tab stop, as the WAI-ARIA toolbar pattern says: a
 * roving tabindex keeps exactly one control tabbable (the last used), arrow keys, Home and End
 * move between controls (mirrored right to left). On tablets it scrolls sideways in one row.
 */
import type { Editor } from '@tiptap/core';
import { For, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { trackEditor } from './editor-state';
import { ToolbarButton } from './ToolbarButton';
import { alignActions, applyTextStyle, currentTextStyle, headingLevels, historyActions, insertTable, listActions, markActions, tableActions, type TextStyle } from './toolbar-actions';

const controls = (bar: HTMLElement) => [...bar.querySelectorAll<HTMLElement>('button:not(:disabled), select')];

/** Keep one control tabbable: `current` if given, else the one that was, else the first. */
function rove(bar: HTMLElement, current?: HTMLElement) {
  const items = controls(bar);
  const active = (current && items.includes(current) ? current : items.find((item) => item.tabIndex === 0)) ?? items[0];
  for (const item of bar.querySelectorAll<HTMLElement>('button, select')) item.tabIndex = item === active ? 0 : -1;
}

function moveFocus(event: KeyboardEvent) {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(event.key) || event.target instanceof HTMLSelectElement) return;
  const bar = event.currentTarget as HTMLElement;
  const items = controls(bar);
  const index = items.indexOf(document.activeElement as HTMLElement);
  const rtl = getComputedStyle(bar).direction === 'rtl';
  const forward = (event.key === 'ArrowRight') !== rtl;
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : index + (forward ? 1 : -1);
  items[(next + items.length) % items.length]?.focus();
  event.preventDefault();
}

export function Toolbar(props: { editor: Editor }) {
  const read = trackEditor(props.editor);
  const group = (actions: typeof markActions) => <For each={actions}>{(action) => <ToolbarButton action={action} editor={props.editor} read={read} />}</For>;
  let bar: HTMLDivElement | undefined;
  onMount(() => {
    if (!bar) return;
    const toolbar = bar;
    rove(toolbar);
    // Controls appear (table tools), disappear and get disabled (undo): keep one tab stop.
    const observer = new MutationObserver(() => rove(toolbar));
    observer.observe(toolbar, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    onCleanup(() => observer.disconnect());
  });
  return (
    <div
      ref={bar}
      class="editor-toolbar"
      role="toolbar"
      aria-label={t('toolbar.label')}
      onKeyDown={moveFocus}
      onFocusIn={(event) => bar && event.target instanceof HTMLElement && rove(bar, event.target)}
    >
      <div class="tool-group">{group(historyActions)}</div>
      <div class="tool-group">
        <select
          class="tool-select"
          aria-label={t('toolbar.textStyle')}
          value={read(() => currentTextStyle(props.editor))}
          onChange={(event) => applyTextStyle(props.editor, event.currentTarget.value as TextStyle)}
        >
          <option value="paragraph">{t('toolbar.paragraph')}</option>
          <For each={[...headingLevels]}>{(level) => <option value={`h${level}`}>{t('toolbar.heading', { level })}</option>}</For>
        </select>
      </div>
      <div class="tool-group">{group(markActions)}</div>
      <div class="tool-group">{group(listActions)}</div>
      <div class="tool-group">{group(alignActions)}</div>
      <div class="tool-group">
        <ToolbarButton action={insertTable} editor={props.editor} read={read} />
        <Show when={read(() => props.editor.isActive('table'))}>{group(tableActions)}</Show>
      </div>
    </div>
  );
}
