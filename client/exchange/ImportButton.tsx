/** Import a .docx or .md file as a new draft, say what could not come along, then open it. */
import { createSignal } from 'solid-js';
import { navigate } from '../app/router';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { importFile } from './import-file';
import './exchange.css';

export function ImportButton() {
  const [busy, setBusy] = createSignal(false);
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const answer = await importFile(file);
      const dropped = answer.dropped.map((d) => (d.what === 'image' ? t('exchange.dropped.image', { count: d.count }) : t('exchange.dropped.other', { count: d.count, what: d.what })));
      notify(dropped.length ? `${t('exchange.imported')} ${t('exchange.droppedIntro')} ${dropped.join('; ')}` : t('exchange.imported'));
      if (answer.legacyEncodings.length) notify(t('exchange.legacy', { encodings: answer.legacyEncodings.map((e) => e.toUpperCase()).join(', ') }));
      navigate(`/documents/${answer.document.id}`);
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label class="button import-button" aria-busy={busy()}>
      <Icon name="upload" size={18} />
      <span>{busy() ? t('exchange.importing') : t('exchange.import')}</span>
      <input
        type="file"
        class="visually-hidden"
        data-testid="import-file"
        accept=".docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown"
        disabled={busy()}
        onChange={(e) => void onFile(e.currentTarget)}
      />
    </label>
  );
}
