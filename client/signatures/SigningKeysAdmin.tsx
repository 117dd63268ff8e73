/**
 * Administration › Signing keys: every device key, pending ones first. Approving has the agency key
 * certify it (a `key.certified` ledger entry); revoking a lost device's key records `key.revoked`.
 * Data: GET /api/signing-keys?all=true, POST /api/signing-keys/:id/approve|revoke
 * (server/signatures/device-keys.ts); names from the users list. Administrators only (the server
 * decides: canApproveKeys).
 */
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api';
import { formatDateTime } from '../i18n/format';
import { locale, t } from '../i18n/i18n';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { notify } from '../ui/toast';
import { signaturesApi } from './signatures-api';

const order = { pending: 0, active: 1, revoked: 2 } as const;

export function SigningKeysAdmin() {
  const [keys, { refetch }] = createResource(() => signaturesApi.allKeys());
  const [people] = createResource(() => api.listUsers());
  const [busy, setBusy] = createSignal<string | null>(null);
  const nameOf = createMemo(() => new Map((people()?.users ?? []).map((u) => [u.id, u.name] as const)));
  const sorted = () => [...(keys()?.keys ?? [])].sort((a, b) => order[a.state] - order[b.state] || b.createdAt.localeCompare(a.createdAt));

  const act = async (id: string, run: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await run();
      notify(done);
      await refetch();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(null);
    }
  };
  const revoke = (id: string, who: string, device: string) => {
    if (window.confirm(t('signatures.keys.revokeConfirm', { name: who, device }))) void act(id, () => signaturesApi.revokeKey(id), t('signatures.keys.revoked'));
  };

  return (
    <section class="admin-section">
      <p class="page__intro">{t('signatures.keys.intro')}</p>
      <Show when={keys()} fallback={<ErrorAlert message={keys.error ? errorMessage(keys.error) : null} />}>
        <Show when={sorted().length > 0} fallback={<p>{t('signatures.keys.none')}</p>}>
          <table class="table signing-keys">
            <thead>
              <tr>
                <th scope="col">{t('signatures.keys.person')}</th>
                <th scope="col">{t('signatures.deviceName')}</th>
                <th scope="col">{t('signatures.keys.fingerprint')}</th>
                <th scope="col">{t('signatures.keys.registered')}</th>
                <th scope="col">{t('signatures.keys.state')}</th>
                <th scope="col" class="table__actions">
                  <span class="visually-hidden">{t('common.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={sorted()}>
                {(key) => {
                  const who = () => nameOf().get(key.userId) ?? '—';
                  return (
                    <tr data-key={key.id} data-state={key.state}>
                      <td class="signing-keys__person">{who()}</td>
                      <td>{key.deviceName}</td>
                      <td>
                        <code title={key.kid}>{key.kid.slice(0, 12)}…</code>
                      </td>
                      <td>{formatDateTime(key.createdAt, locale())}</td>
                      <td>{t(`signatures.keys.is.${key.state}` as 'signatures.keys.is.active')}</td>
                      <td class="table__actions">
                        <Show when={key.state === 'pending'}>
                          <button class="button button--primary" disabled={busy() === key.id} onClick={() => void act(key.id, () => signaturesApi.approveKey(key.id), t('signatures.keys.approved'))}>
                            {t('signatures.keys.approve')}
                          </button>
                        </Show>
                        <Show when={key.state !== 'revoked'}>
                          <button class="button" disabled={busy() === key.id} onClick={() => revoke(key.id, who(), key.deviceName)}>
                            {t('signatures.keys.revoke')}
                          </button>
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </section>
  );
}
