/**
 * The verified / failed badge of one version, as computed in this browser, with a toggle (no
 * hover) that lists the checks. While checking it says so; when the bundle could not be fetched
 * it says "could not check" (not "failed": nothing was shown to be wrong) and offers a retry.
 */
import { createSignal, Match, Show, Switch } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import type { BundleReport } from '../../shared/records/verify-bundle';
import { CheckList } from './CheckList';

export type Verification = { state: 'checking' } | { state: 'error' } | { state: 'done'; report: BundleReport };

let counter = 0;

export function VerificationBadge(props: { verification: Verification; version: number; onRetry: () => void }) {
  const [open, setOpen] = createSignal(false);
  const id = `checks-${++counter}`;
  const report = () => (props.verification.state === 'done' ? props.verification.report : undefined);
  const state = () => {
    const done = report();
    return done ? (done.ok ? 'verified' : 'failed') : props.verification.state;
  };
  return (
    <div class="verification" data-verification={state()}>
      <Switch>
        <Match when={props.verification.state === 'checking'}>
          <span class="verify-badge verify-badge--checking">
            <span class="verify-badge__spinner" aria-hidden="true" />
            {t('verify.checking')}
          </span>
        </Match>
        <Match when={props.verification.state === 'error'}>
          <span class="verify-badge verify-badge--error">
            <Icon name="offline" size={16} />
            {t('verify.error')}
          </span>
          <button type="button" class="text-button" onClick={() => props.onRetry()}>
            {t('verify.retry')}
          </button>
        </Match>
        <Match when={report()}>
          {(done) => (
            <>
              <span class="verify-badge" classList={{ 'verify-badge--ok': done().ok, 'verify-badge--fail': !done().ok }}>
                <Icon name={done().ok ? 'verified' : 'unverified'} size={16} />
                {done().ok ? t('verify.verified') : t('verify.failed')}
              </span>
              <button
                type="button"
                class="text-button"
                aria-expanded={open()}
                aria-controls={id}
                aria-label={t('verify.detailsFor', { version: props.version })}
                onClick={() => setOpen(!open())}
              >
                {t('verify.details')}
                <span class="text-button__chevron" classList={{ 'text-button__chevron--open': open() }}>
                  <Icon name="chevron" size={16} />
                </span>
              </button>
              <Show when={open()}>
                <CheckList id={id} report={done()} />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
