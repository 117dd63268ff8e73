/**
 * Splitting text at highlight ranges: the server sends plain text and `[start, end)` offsets (UTF-16,
 * as JavaScript indexes strings), never HTML. Pure, so it is tested without a browser.
 */
export interface Part {
  text: string;
  marked: boolean;
}

/** Split `text` at the (possibly unsorted, overlapping or out of range) highlight ranges. */
export function highlightParts(text: string, ranges: readonly (readonly [number, number])[]): Part[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: Part[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    const last = parts[parts.length - 1];
    if (last?.marked && from === at) last.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
