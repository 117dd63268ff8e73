/** The centred card of the sign-in and setup pages, with the brand and the language switch. */
import type { JSX } from 'solid-js';
import { t } from '../i18n/i18n';
import { LanguageSwitcher } from '../app/LanguageSwitcher';

export function AuthLayout(props: { title: string; intro: string; children: JSX.Element }) {
  return (
    <div class="auth">
      <div class="auth__card">
        <div class="auth__top">
          <div class="brand brand--large">
            <span class="brand__mark" aria-hidden="true">C</span>
            <span>
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('app.tagline')}</span>
            </span>
          </div>
          <LanguageSwitcher />
        </div>
        <h1>{props.title}</h1>
        <p class="auth__intro">{props.intro}</p>
        {props.children}
      </div>
    </div>
  );
}
