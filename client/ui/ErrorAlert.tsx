/** An error message announced to screen readers; renders nothing while there is none. */
import { Show } from 'solid-js';

export function ErrorAlert(props: { message: string | null | undefined | false }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="alert alert--error" role="alert">
          {message()}
        </p>
      )}
    </Show>
  );
}
