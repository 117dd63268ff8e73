/**
 * How another person's caret looks: a thin bar in their department's colour with their name on
 * a label above it (always visible, no hover needed). Colours arrive as `#rrggbb` from the server.
 */
import { isHexColor, textColorOn } from '../../shared/presence-color';

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = isHexColor(user.color) ? user.color : '#475569';
  const name = typeof user.name === 'string' ? user.name : '';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  caret.setAttribute('data-user', name);
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  label.textContent = name;
  caret.append(label);
  return caret;
}
