/**
 * The records filed in a dossier (oldest first): ledger number, title or kind, when recorded, and
 * links to the draft and the record's bundle (verifiable offline). A record the caller may not
 * view shows its number only: the server sends no title for it.
 */
import { For, Show } from 'solid-js';
import { locale, t } from '../i18n/i18n';
import { formatDateTime } from '../i18n/format';
import { bundleUrl } from '../data/api';
import type { FiledRecordDto } from './dossiers-api';

const describe = (r: Extract<FiledRecordDto, { kind: string }>) =>
  r.title ?? r.label ?? (r.kind === 'version' ? t('dossiers.kind.version') : t('dossiers.kind.other', { kind: r.kind }));

export function DossierRecords(props: { records: FiledRecordDto[] }) {
  return (
    <section class="dossier-records" aria-labelledby="dossier-records-heading">
      <h2 id="dossier-records-heading">{t('dossiers.records')}</h2>
      <Show when={props.records.length > 0} fallback={<p>{t('dossiers.recordsEmpty')}</p>}>
        <div class="table-scroll">
          <table class="table" data-testid="dossier-records">
            <thead>
              <tr>
                <th scope="col">{t('dossiers.colSeq')}</th>
                <th scope="col">{t('dossiers.colRecord')}</th>
                <th scope="col" class="hide-narrow">{t('dossiers.colRecorded')}</th>
                <th scope="col" class="table__actions">{t('dossiers.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.records}>
                {(r) =>
                  'kind' in r ? (
                    <tr data-seq={r.seq}>
                      <td>{r.seq}</td>
                      <td>
                        <span class="dossier-record__title">{describe(r)}</span>
                        <Show when={r.kind !== 'version' && (r.title || r.label)}>
                          <span class="dossier-record__kind"> · {r.kind === 'version' ? t('dossiers.kind.version') : t('dossiers.kind.other', { kind: r.kind })}</span>
                        </Show>
                      </td>
                      <td class="hide-narrow">{formatDateTime(r.recordedAt, locale())}</td>
                      <td class="table__actions">
                        <Show when={r.documentId}>
                          {(id) => (
                            <a class="button button--small" href={`/documents/${id()}`}>
                              {t('dossiers.openDraft')}
                            </a>
                          )}
                        </Show>
                        <a class="button button--small" href={bundleUrl(r.seq)} download={`record-${r.seq}.json`}>
                          {t('dossiers.bundle', { seq: r.seq })}
                        </a>
                      </td>
                    </tr>
                  ) : (
                    <tr data-seq={r.seq} class="row--muted">
                      <td>{r.seq}</td>
                      <td colSpan={3}>{t('dossiers.restricted')}</td>
                    </tr>
                  )
                }
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
