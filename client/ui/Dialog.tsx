/**
 * A modal dialog on the native `<dialog>` element: focus is trapped and returned, Escape closes,
 * the title labels it. Rendered open; the parent unmounts it to close.
 */
import { onMount, type JSX } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from './Icon';

let counter = 0;

export function Dialog(props: { title: string; onClose?: () => void; children: JSX.Element; wide?: boolean; class?: string }) {
  let element: HTMLDialogElement | undefined;
  const titleId = `dialog-title-${++counter}`;
  onMount(() => element?.showModal());
  return (
    <dialog
      ref={element}
      class={`dialog ${props.class ?? ''}`}
      classList={{ 'dialog--wide': props.wide }}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose?.();
      }}
    >
      <header class="dialog__header">
        <h2 id={titleId}>{props.title}</h2>
        {props.onClose && (
          <button type="button" class="icon-button" aria-label={t('common.close')} onClick={() => props.onClose?.()}>
            <Icon name="close" />
          </button>
        )}
      </header>
      <div class="dialog__body">{props.children}</div>
    </dialog>
  );
}
