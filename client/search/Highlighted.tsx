/**
 * Text with highlighted ranges, rendered as text nodes and <mark> elements (never innerHTML), so
 * nothing from a document can become markup.
 */
import { For } from 'solid-js';
import { highlightParts } from './highlight';

export function Highlighted(props: { text: string; ranges: readonly (readonly [number, number])[] }) {
  return <For each={highlightParts(props.text, props.ranges ?? [])}>{(part) => (part.marked ? <mark>{part.text}</mark> : part.text)}</For>;
}
