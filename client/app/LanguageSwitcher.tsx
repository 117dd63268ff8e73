/** Switch the UI language; each language is named in itself. */
import { For } from 'solid-js';
import { locale, locales, setLocale, t, type Locale } from '../i18n/i18n';

const names: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English', ar: 'العربية' };

export function LanguageSwitcher() {
  return (
    <label class="language">
      <span class="visually-hidden">{t('nav.language')}</span>
      <select value={locale()} onChange={(event) => setLocale(event.currentTarget.value as Locale)} aria-label={t('nav.language')}>
        <For each={[...locales]}>{(code) => <option value={code} lang={code}>{names[code]}</option>}</For>
      </select>
    </label>
  );
}
