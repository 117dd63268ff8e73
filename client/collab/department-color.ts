/**
 * A stable caret/presence colour per department, as `#rrggbb` (CollaborationCaret requires that
 * form). Every colour carries white text at WCAG AA contrast.
 */
export const palette = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#9a3412', '#4338ca'] as const;

/** FNV-1a over the id: the same department always gets the same colour, on every client. */
export function departmentColor(departmentId: string | undefined): string {
  if (!departmentId) return '#475569';
  let hash = 0x811c9dc5;
  for (let i = 0; i < departmentId.length; i++) {
    hash ^= departmentId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return palette[(hash >>> 0) % palette.length] ?? '#475569';
}

export const isHexColor = (value: unknown): value is string => typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
