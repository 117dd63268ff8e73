/** The list of drafts: title (link), owning department, last edit (when and by whom), my access. */
import { For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import type { DocumentSummary } from './documents-store';
import { LastEdited } from './LastEdited';

export function DocumentTable(props: { documents: DocumentSummary[] }) {
  return (
    <table class="table documents-table">
      <thead>
        <tr>
          <th scope="col">{t('documents.colTitle')}</th>
          <th scope="col">{t('documents.colDepartment')}</th>
          <th scope="col">{t('documents.colEdited')}</th>
          <th scope="col" class="hide-narrow">
            {t('documents.colAccess')}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.documents}>
          {(doc) => (
            <tr>
              <td class="documents-table__title">
                <a href={`/documents/${doc.id}`}>{doc.title}</a>
                <Show when={doc.finalizedAt}>
                  <span class="badge badge--final">{t('documents.finalized')}</span>
                </Show>
              </td>
              <td>{doc.department.name}</td>
              <td>
                <LastEdited doc={doc} />
              </td>
              <td class="hide-narrow">
                <span class={`badge badge--${doc.access}`}>{t(`access.${doc.access}`)}</span>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
