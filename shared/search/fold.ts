/**
 * Folding text for search the way the database does (lower(unaccent(…))): lower case, no
 * diacritics, đ → d. Used to place highlights in snippets; pure, shared with the client.
 */
const foldChar = (ch: string) => {
  const lower = ch.toLowerCase();
  if (lower === 'đ') return 'd';
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
};

/** The folded text and, for each folded character, the index of the original character. */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(i);
  return { folded, map };
}

export const fold = (text: string) => foldWithMap(text).folded;

export interface Snippet {
  text: string;
  /** [start, end) ranges of `text` to highlight. */
  highlights: [number, number][];
}

/** A window of about `size` characters around the first match of the query's words, with every match highlighted. */
export function makeSnippet(body: string, query: string, size = 200): Snippet {
  const words = fold(query).split(/\s+/).filter((w) => w.length > 0);
  const { folded, map } = foldWithMap(body);
  const phrase = words.join(' ');
  let first = phrase ? folded.indexOf(phrase) : -1;
  if (first < 0) for (const w of words) if ((first = folded.indexOf(w)) >= 0) break;
  const centre = first < 0 ? 0 : map[first]!;
  let start = Math.max(0, centre - Math.floor(size / 3));
  let end = Math.min(body.length, start + size);
  // Widen to whole words.
  while (start > 0 && !/\s/.test(body[start - 1]!)) start--;
  while (end < body.length && !/\s/.test(body[end]!)) end++;
  const text = `${start > 0 ? '…' : ''}${body.slice(start, end)}${end < body.length ? '…' : ''}`;
  const offset = start > 0 ? 1 - start : -start;
  const ranges: [number, number][] = [];
  for (const w of phrase && folded.includes(phrase) ? [phrase, ...words] : words) {
    let at = folded.indexOf(w);
    while (at >= 0) {
      const s = map[at]!;
      const e = map[at + w.length]!;
      if (s >= start && e <= end) ranges.push([s + offset, e + offset]);
      at = folded.indexOf(w, at + w.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return { text, highlights: merged };
}

/** Highlight ranges of the query's words over the whole text (titles). */
export function highlightAll(text: string, query: string): [number, number][] {
  const words = fold(query).split(/\s+/).filter((w) => w.length > 0);
  const { folded, map } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const w of words) {
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) ranges.push([map[at]!, map[at + w.length]!]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}
