/**
 * A modal dialog on the native `<dialog>` element: focus is trapped, Escape closes, the title
 * labels it. Rendered open; the parent unmounts it to close, and focus returns to what had it
 * before (the button that opened it), never to the page body.
 */
import { onCleanup, onMount, type JSX } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from './Icon';

let counter = 0;

/**
 * The control a person last pressed: some browsers do not focus a button on click, so
 * `document.activeElement` alone cannot tell which button opened a dialog.
 */
let lastPressed: HTMLElement | null = null;
document.addEventListener(
  'pointerdown',
  (event) => {
    const target = (event.target as Element | null)?.closest?.('button, a[href], [tabindex], select, input');
    lastPressed = target instanceof HTMLElement ? target : null;
  },
  true,
);
const focusedNow = () => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null);

export function Dialog(props: { title: string; onClose?: () => void; children: JSX.Element; wide?: boolean; class?: string }) {
  let element: HTMLDialogElement | undefined;
  const titleId = `dialog-title-${++counter}`;
  onMount(() => {
    const opener = focusedNow() ?? (lastPressed?.isConnected ? lastPressed : null);
    element?.showModal();
    onCleanup(() => {
      const focusInside = !!element?.contains(document.activeElement);
      element?.close();
      // Once this dialog is gone from the page, give focus back to where it was (if still there),
      // unless something else (e.g. the page the dialog navigated to) took it meanwhile.
      setTimeout(() => {
        const now = document.activeElement;
        if (opener?.isConnected && (focusInside || !now || now === document.body || !now.isConnected)) opener.focus();
      });
    });
  });
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
      <div class="dialog__header">
        <h2 id={titleId}>{props.title}</h2>
        {props.onClose && (
          <button type="button" class="icon-button" aria-label={t('common.close')} onClick={() => props.onClose?.()}>
            <Icon name="close" />
          </button>
        )}
      </div>
      <div class="dialog__body">{props.children}</div>
    </dialog>
  );
}
