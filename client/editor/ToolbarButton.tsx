/** One toolbar button: icon, accessible name with its shortcut, pressed state for toggles. */
import type { Editor } from '@tiptap/core';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { shortcutLabel } from './editor-state';
import type { ToolbarAction } from './toolbar-actions';

export function ToolbarButton(props: { action: ToolbarAction; editor: Editor; read: <T>(f: () => T) => T }) {
  const label = () => t(props.action.label);
  const title = () => (props.action.keys ? t('toolbar.withShortcut', { label: label(), keys: shortcutLabel(props.action.keys) }) : label());
  const pressed = () => (props.action.active ? props.read(() => props.action.active?.(props.editor) ?? false) : undefined);
  const enabled = () => props.read(() => props.action.enabled?.(props.editor) ?? true);
  return (
    <button
      type="button"
      class="tool"
      data-action={props.action.id}
      aria-label={label()}
      title={title()}
      aria-pressed={pressed()}
      aria-keyshortcuts={props.action.keys?.replace('Mod', 'Control')}
      disabled={!enabled()}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => props.action.run(props.editor)}
    >
      <Icon name={props.action.icon} />
    </button>
  );
}
