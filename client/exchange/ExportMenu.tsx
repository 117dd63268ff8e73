/** Download a draft (or a version) as Word, PDF or Markdown: plain links, the server names the file. */
import { For } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { exportUrl } from './import-file';
import './exchange.css';

const formats = ['docx', 'pdf', 'md'] as const;

export function ExportMenu(props: { kind: 'documents' | 'versions'; id: string; label?: string }) {
  return (
    <details class="export-menu">
      <summary class="button" aria-label={props.label ?? t('exchange.exportAs')}>
        <Icon name="download" size={18} />
        <span class="hide-narrow">{t('exchange.export')}</span>
      </summary>
      <ul class="export-menu__list" role="list">
        <For each={formats}>
          {(format) => (
            <li>
              <a href={exportUrl(props.kind, props.id, format)} download="" data-format={format}>
                {t(`exchange.${format}`)}
              </a>
            </li>
          )}
        </For>
      </ul>
    </details>
  );
}
