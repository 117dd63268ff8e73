/**
 * The list of drafts: title (link; the full title on hover when cut), owning department, last
 * edit, my access (also on tablets), whether this device holds a copy and unsent edits (so an
 * offline person knows what they can open), and archive / restore for the creator and admins.
 */
import { createSignal, For, Show } from 'solid-js';
import { api } from '../data/api';
import { online } from '../app/network';
import { t } from '../i18n/i18n';
import { localDrafts } from '../session/local-data';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage } from '../ui/error-message';
import { Icon } from '../ui/Icon';
import { notify } from '../ui/toast';
import type { DocumentSummary } from './documents-store';
import { LastEdited } from './LastEdited';

export function DocumentTable(props: { documents: DocumentSummary[]; archived?: boolean; onChanged?: () => void }) {
  const local = new Map(localDrafts().map((d) => [d.id, d]));
  const [asking, setAsking] = createSignal<DocumentSummary | null>(null);
  const change = async (doc: DocumentSummary) => {
    setAsking(null);
    try {
      if (doc.archivedAt) await api.unarchiveDocument(doc.id);
      else await api.archiveDocument(doc.id);
      notify(t(doc.archivedAt ? 'documents.restored' : 'documents.archivedDone', { title: doc.title }));
      props.onChanged?.();
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };
  return (
    <>
      <table class="table documents-table">
        <thead>
          <tr>
            <th scope="col">{t('documents.colTitle')}</th>
            <th scope="col" class="hide-narrow">{t('documents.colDepartment')}</th>
            <th scope="col">{t('documents.colEdited')}</th>
            <th scope="col">{t('documents.colAccess')}</th>
            <th scope="col"><span class="visually-hidden">{t('documents.colActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          <For each={props.documents}>
            {(doc) => (
              <tr data-document-id={doc.id}>
                <td class="documents-table__title">
                  <a href={`/documents/${doc.id}`} title={doc.title}>{doc.title}</a>
                  <Show when={doc.finalizedAt}>
                    <span class="badge badge--final">{t('documents.finalized')}</span>
                  </Show>
                  <Show when={(local.get(doc.id)?.unsent ?? 0) > 0}>
                    <span class="badge badge--unsent" data-badge="unsent">{t('documents.unsent')}</span>
                  </Show>
                  <Show when={!online() && local.has(doc.id)}>
                    <span class="badge badge--local" data-badge="local">{t('documents.onDevice')}</span>
                  </Show>
                </td>
                <td class="hide-narrow">{doc.department.name}</td>
                <td>
                  <LastEdited doc={doc} />
                </td>
                <td>
                  <span class={`badge badge--${doc.access}`}>{t(`access.${doc.access}`)}</span>
                </td>
                <td class="documents-table__actions">
                  <Show when={doc.canArchive}>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t(doc.archivedAt ? 'documents.restoreFor' : 'documents.archiveFor', { title: doc.title })}
                      title={t(doc.archivedAt ? 'documents.restore' : 'documents.archive')}
                      onClick={() => (doc.archivedAt ? void change(doc) : setAsking(doc))}
                    >
                      <Icon name={doc.archivedAt ? 'restore' : 'archive'} size={18} />
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={asking()}>
        {(doc) => (
          <ConfirmDialog
            title={t('documents.archiveTitle')}
            message={t('documents.archiveConfirm', { title: doc().title })}
            confirm={t('documents.archive')}
            onConfirm={() => void change(doc())}
            onCancel={() => setAsking(null)}
          />
        )}
      </Show>
    </>
  );
}
