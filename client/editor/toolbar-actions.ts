/** What the toolbar offers, in groups: each action's icon, label, shortcut, state and command. */
import type { Editor } from '@tiptap/core';
import type { MessageKey } from '../i18n/i18n';
import type { IconName } from '../ui/Icon';

export interface ToolbarAction {
  id: string;
  icon: IconName;
  label: MessageKey;
  /** TipTap key binding, e.g. `Mod-b` (shown in the tooltip and aria-keyshortcuts). */
  keys?: string;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const chain = (editor: Editor) => editor.chain().focus();
const align = (value: string, icon: IconName, label: MessageKey, keys: string): ToolbarAction => ({
  id: `align-${value}`,
  icon,
  label,
  keys,
  active: (e) => e.isActive({ textAlign: value }),
  run: (e) => chain(e).setTextAlign(value).run(),
});

export const historyActions: ToolbarAction[] = [
  { id: 'undo', icon: 'undo', label: 'toolbar.undo', keys: 'Mod-z', enabled: (e) => e.can().undo(), run: (e) => chain(e).undo().run() },
  { id: 'redo', icon: 'redo', label: 'toolbar.redo', keys: 'Mod-Shift-z', enabled: (e) => e.can().redo(), run: (e) => chain(e).redo().run() },
];

export const markActions: ToolbarAction[] = [
  { id: 'bold', icon: 'bold', label: 'toolbar.bold', keys: 'Mod-b', active: (e) => e.isActive('bold'), run: (e) => chain(e).toggleBold().run() },
  { id: 'italic', icon: 'italic', label: 'toolbar.italic', keys: 'Mod-i', active: (e) => e.isActive('italic'), run: (e) => chain(e).toggleItalic().run() },
  { id: 'underline', icon: 'underline', label: 'toolbar.underline', keys: 'Mod-u', active: (e) => e.isActive('underline'), run: (e) => chain(e).toggleUnderline().run() },
];

export const listActions: ToolbarAction[] = [
  { id: 'bullets', icon: 'bulletList', label: 'toolbar.bulletList', keys: 'Mod-Shift-8', active: (e) => e.isActive('bulletList'), run: (e) => chain(e).toggleBulletList().run() },
  { id: 'numbers', icon: 'orderedList', label: 'toolbar.orderedList', keys: 'Mod-Shift-7', active: (e) => e.isActive('orderedList'), run: (e) => chain(e).toggleOrderedList().run() },
];

export const alignActions: ToolbarAction[] = [
  align('left', 'alignLeft', 'toolbar.alignLeft', 'Mod-Shift-l'),
  align('center', 'alignCenter', 'toolbar.alignCenter', 'Mod-Shift-e'),
  align('right', 'alignRight', 'toolbar.alignRight', 'Mod-Shift-r'),
  align('justify', 'alignJustify', 'toolbar.alignJustify', 'Mod-Shift-j'),
];

export const insertTable: ToolbarAction = {
  id: 'table',
  icon: 'table',
  label: 'toolbar.insertTable',
  enabled: (e) => e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
  run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
};

/** Shown while the selection is inside a table. */
export const tableActions: ToolbarAction[] = [
  { id: 'row-add', icon: 'addRow', label: 'toolbar.addRow', enabled: (e) => e.can().addRowAfter(), run: (e) => chain(e).addRowAfter().run() },
  { id: 'col-add', icon: 'addColumn', label: 'toolbar.addColumn', enabled: (e) => e.can().addColumnAfter(), run: (e) => chain(e).addColumnAfter().run() },
  { id: 'row-del', icon: 'deleteRow', label: 'toolbar.deleteRow', enabled: (e) => e.can().deleteRow(), run: (e) => chain(e).deleteRow().run() },
  { id: 'col-del', icon: 'deleteColumn', label: 'toolbar.deleteColumn', enabled: (e) => e.can().deleteColumn(), run: (e) => chain(e).deleteColumn().run() },
  { id: 'table-del', icon: 'deleteTable', label: 'toolbar.deleteTable', enabled: (e) => e.can().deleteTable(), run: (e) => chain(e).deleteTable().run() },
];

export const headingLevels = [1, 2, 3] as const;
export type TextStyle = 'paragraph' | `h${(typeof headingLevels)[number]}`;

export function currentTextStyle(editor: Editor): TextStyle {
  const level = headingLevels.find((l) => editor.isActive('heading', { level: l }));
  return level ? `h${level}` : 'paragraph';
}

export function applyTextStyle(editor: Editor, style: TextStyle) {
  if (style === 'paragraph') chain(editor).setParagraph().run();
  else chain(editor).setHeading({ level: Number(style.slice(1)) as 1 | 2 | 3 }).run();
}
