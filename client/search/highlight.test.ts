import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('splits text at the ranges, merging overlaps and ignoring ranges out of bounds', () => {
    expect(highlightParts('Quyết định phê duyệt', [[0, 5], [6, 10]])).toEqual([
      { text: 'Quyết', marked: true },
      { text: ' ', marked: false },
      { text: 'định', marked: true },
      { text: ' phê duyệt', marked: false },
    ]);
    expect(highlightParts('abcdef', [[2, 4], [3, 5], [10, 12], [4, 1]])).toEqual([
      { text: 'ab', marked: false },
      { text: 'cde', marked: true },
      { text: 'f', marked: false },
    ]);
  });
  it('keeps markup as text', () => {
    expect(highlightParts('<b>x</b>', [[3, 4]]).map((p) => p.text).join('')).toBe('<b>x</b>');
  });
});
