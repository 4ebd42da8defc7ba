// The agent's one click that lets coaches send to this chat's customer ("Let John reply to the customer here"), and
// taking it back; under a policy that always allows it, a note instead. Nothing when sending is off here.
import type { Translate } from '../../lib/coaching/index.ts';

export type CustomerSendConsentProps = {
  t: Translate;
  /** The policy and this chat's consent, as the background says; null until it did. */
  mode: { mode: 'off' | 'ask' | 'allowed'; policy: 'off' | 'ask' | 'allowed'; consented: boolean } | null;
  /** Names of the colleagues brought into this chat (the coaches who would reply). */
  guestNames: readonly string[];
  onAllow: (allowed: boolean) => void;
};

export function CustomerSendConsent({ t, mode, guestNames, onAllow }: CustomerSendConsentProps) {
  if (!mode || mode.mode === 'off') return null;
  if (mode.policy === 'allowed') {
    return (
      <p class="ut-customer-send" data-customer-send="allowed">
        {t('customerSendByPolicy')}
      </p>
    );
  }
  const names = guestNames.length ? guestNames.join(', ') : t('customerSendCoaches');
  if (mode.consented) {
    return (
      <p class="ut-customer-send" data-customer-send="allowed">
        {t('customerSendAllowed', names.charAt(0).toUpperCase() + names.slice(1))}{' '}
        <button type="button" class="ut-button ut-link ut-customer-send-take-back" onClick={() => onAllow(false)}>
          {t('customerSendTakeBack')}
        </button>
      </p>
    );
  }
  return (
    <p class="ut-customer-send" data-customer-send="ask">
      <button type="button" class="ut-button ut-customer-send-allow" onClick={() => onAllow(true)}>
        {t('customerSendAllow', names)}
      </button>
    </p>
  );
}
