/** Create a draft by title, then open it. */
import { createSignal } from 'solid-js';
import { api } from '../data/api';
import { navigate } from '../app/router';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';

export function CreateDocumentForm() {
  const [title, setTitle] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!title().trim()) return;
    setBusy(true);
    try {
      const created = await api.createDocument(title().trim());
      navigate(`/documents/${created.id}`);
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="create-document" onSubmit={(event) => void submit(event)}>
      <label class="visually-hidden" for="new-document-title">
        {t('documents.newTitle')}
      </label>
      <input
        id="new-document-title"
        name="title"
        required
        maxlength="300"
        placeholder={t('documents.newTitle')}
        value={title()}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <button type="submit" class="button button--primary" disabled={busy()}>
        <Icon name="plus" size={18} />
        <span>{t('documents.create')}</span>
      </button>
    </form>
  );
}
