/**
 * The colour of a person's caret and avatar, derived from their department's id so colleagues
 * share a colour, as `#rrggbb` (TipTap's CollaborationCaret accepts only that form). The server
 * writes it into every presence state; the client uses the same function for its own avatar.
 * Pure; same algorithm as `colorFor` in server/collab/awareness-guard.ts (which should import this).
 */

/** FNV-1a: a small, stable string hash. */
const hash = (text: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

/**
 * The Okabe–Ito palette (without yellow, too pale for a caret, and black, the person's own caret):
 * six hues chosen to stay apart for people with red-green or blue-yellow colour blindness.
 * presence-color.test.ts checks every pair under simulated protanopia, deuteranopia and tritanopia.
 */
export const presencePalette = ['#e69f00', '#56b4e9', '#009e73', '#0072b2', '#d55e00', '#cc79a7'] as const;

/** The colour for an id (a department): a palette entry picked by its hash. */
export const presenceColor = (id: string): string => presencePalette[hash(id) % presencePalette.length]!;

export const isHexColor = (value: unknown): value is string => typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);

/** Black or white, whichever reads better on `color` (WCAG relative luminance). */
export function textColorOn(color: string): '#ffffff' | '#111111' {
  const channel = (i: number) => {
    const c = Number.parseInt(color.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#111111';
}
