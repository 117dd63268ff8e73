/**
 * Carets of two departments must be told apart by everyone: every pair of palette colours stays
 * at least ΔE 15 (CIE76) apart in normal vision and under simulated protanopia, deuteranopia and
 * tritanopia (Machado, Oliveira & Fernandes 2009, full severity), and caret labels stay readable.
 */
import { describe, expect, it } from 'vitest';
import { presenceColor, presencePalette, textColorOn } from './presence-color';

const simulations: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const linear = (hex: string) => [1, 3, 5].map((i) => {
  const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const lab = ([r, g, b]: number[]) => {
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047;
  const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const z = (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883;
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
};
const simulate = (matrix: number[][], rgb: number[]) => matrix.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!)));
const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
const contrast = (hex: string, text: string) => {
  const lum = (h: string) => { const [r, g, b] = linear(h); return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!; };
  const [hi, lo] = [lum(hex), lum(text)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('presence palette', () => {
  it('keeps every pair of colours apart for colour-blind people', () => {
    for (const [vision, matrix] of Object.entries(simulations)) {
      for (let i = 0; i < presencePalette.length; i++) {
        for (let j = i + 1; j < presencePalette.length; j++) {
          const d = distance(lab(simulate(matrix, linear(presencePalette[i]!))), lab(simulate(matrix, linear(presencePalette[j]!))));
          expect(d, `${vision}: ${presencePalette[i]} vs ${presencePalette[j]}`).toBeGreaterThanOrEqual(15);
        }
      }
    }
  });
  it('gives caret labels readable text (WCAG AA for large text, ≥ 3:1)', () => {
    for (const color of presencePalette) expect(contrast(color, textColorOn(color)), color).toBeGreaterThanOrEqual(3);
  });
  it('maps an id to one palette colour, stably', () => {
    expect(presenceColor('d-fin')).toBe(presenceColor('d-fin'));
    expect(presencePalette).toContain(presenceColor('any department'));
  });
});
