/** Administrators fill in the agency's settings (issue 13): what every document header is made of. */
import { createResource, createSignal, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { ErrorAlert } from '../ui/ErrorAlert';
import type { SignerTitle } from '../../shared/agency/settings';
import { agencyApi } from './agency-api';

/** "TM. ỦY BAN NHÂN DÂN | CHỦ TỊCH" per line ↔ signer titles. */
const titlesToText = (titles: SignerTitle[]) => titles.map((s) => (s.authorityPrefix ? `${s.authorityPrefix.replace(/\n/g, ' / ')} | ${s.title}` : s.title)).join('\n');
const textToTitles = (text: string): SignerTitle[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [a, b] = line.includes('|') ? line.split('|', 2) : ['', line];
      return { authorityPrefix: a!.trim().split(/\s*\/\s*/).join('\n'), title: b!.trim() };
    });

export function AgencySettingsForm() {
  const [settings] = createResource(() => agencyApi.get());
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(undefined);
    try {
      await agencyApi.save({
        name: text('name'),
        abbreviation: text('abbreviation'),
        code: text('code'),
        superiorBody: text('superiorBody'),
        placeName: text('placeName'),
        signerTitles: textToTitles(text('signerTitles')),
      });
      notify(t('agency.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'name' | 'abbreviation' | 'code' | 'superiorBody' | 'placeName', value: string) => (
    <div class="field">
      <label for={`agency-${name}`}>{t(`agency.${name}`)}</label>
      <input id={`agency-${name}`} name={name} value={value} maxlength={name === 'abbreviation' ? 30 : 300} />
    </div>
  );
  return (
    <section class="agency-settings">
      <p class="page__intro">{t('agency.intro')}</p>
      <Show when={settings.error}>
        <p class="alert alert--error" role="alert">{errorMessage(settings.error)}</p>
      </Show>
      <Show when={settings()}>
        {(loaded) => (
          <form class="form" onSubmit={(e) => void submit(e)}>
            {field('name', loaded().agency.name)}
            {field('abbreviation', loaded().agency.abbreviation)}
            {field('superiorBody', loaded().agency.superiorBody)}
            {field('placeName', loaded().agency.placeName)}
            {field('code', loaded().agency.code)}
            <div class="field">
              <label for="agency-signerTitles">{t('agency.signerTitles')}</label>
              <textarea id="agency-signerTitles" name="signerTitles" rows={4} value={titlesToText(loaded().agency.signerTitles)} />
            </div>
            <ErrorAlert message={error() ? errorMessage(error()) : null} />
            <button type="submit" class="button button--primary" disabled={busy()}>
              {t('agency.save')}
            </button>
          </form>
        )}
      </Show>
    </section>
  );
}
