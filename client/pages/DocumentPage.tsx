/** `/documents/:id`: loads the draft's details (offline: the copy from the last visit), then opens it. */
import { createResource, Show } from 'solid-js';
import { loadDocument, rememberDocument } from '../documents/document-meta';
import { DocumentWorkspace } from '../editor/DocumentWorkspace';
import { t } from '../i18n/i18n';
import { user } from '../session/session';
import { errorMessage } from '../ui/error-message';

export default function DocumentPage(props: { params: string[] }) {
  const id = props.params[0] ?? '';
  const [doc, { mutate, refetch }] = createResource(() => id, loadDocument);
  const loaded = () => (doc.error ? undefined : doc.latest);
  return (
    <Show
      when={!doc.error}
      fallback={
        <div class="page page--narrow">
          <p class="alert alert--error" role="alert">
            {errorMessage(doc.error)}
          </p>
          <a class="button" href="/">
            {t('editor.back')}
          </a>
        </div>
      }
    >
      <Show when={loaded()} fallback={<p class="page-loading">{t('editor.loading')}</p>}>
        {(current) => (
          <Show when={user()}>
            {(me) => (
              <DocumentWorkspace
                doc={current()}
                me={me()}
                onChange={(next) => {
                  mutate(next);
                  rememberDocument(next);
                }}
                refresh={() => void refetch()}
              />
            )}
          </Show>
        )}
      </Show>
    </Show>
  );
}
