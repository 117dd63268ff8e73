/** A labelled form control with an optional hint, wired with `aria-describedby`. */
import { Show, type JSX } from 'solid-js';

let counter = 0;

export function Field(props: { label: string; hint?: string; class?: string; children: (id: string, describedBy: string | undefined) => JSX.Element }) {
  const id = `field-${++counter}`;
  const hintId = `${id}-hint`;
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, props.hint ? hintId : undefined)}
      <Show when={props.hint}>
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      </Show>
    </div>
  );
}
