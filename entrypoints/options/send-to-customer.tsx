// Options page: "Send to customer" (off, ask per chat, allowed) and the organisation's signature, locked when policy sets them.
import type { PageState, Settings } from '../../lib/extension/index.ts';

const MODE_WORDS: Record<Settings['sendToCustomer'], string> = {
  off: 'Off: coaches cannot send to my customers',
  ask: 'Ask me in each chat',
  allowed: 'Allowed in every chat',
};

export function SendToCustomerSetting(props: { state: PageState; save: (mode: Settings['sendToCustomer']) => void }) {
  const { settings, locked } = props.state.settings;
  const isLocked = locked.includes('sendToCustomer');
  return (
    <div class="send-to-customer">
      <label for="send-to-customer">
        Let supervisors and colleagues I invite send messages to my customers through my reply box
        {isLocked && (
          <span class="locked" data-locked-note="sendToCustomer">
            {' '}
            (set by your administrator)
          </span>
        )}
      </label>
      <select
        id="send-to-customer"
        value={settings.sendToCustomer}
        disabled={isLocked}
        onChange={(e) => props.save(e.currentTarget.value as Settings['sendToCustomer'])}
      >
        {(Object.keys(MODE_WORDS) as Settings['sendToCustomer'][]).map((mode) => (
          <option key={mode} value={mode}>
            {MODE_WORDS[mode]}
          </option>
        ))}
      </select>
      {settings.sendToCustomer !== 'off' && settings.sendToCustomerSignature && (
        <p id="send-to-customer-signature" class="note">
          Signed with your organisation's signature: <q>{settings.sendToCustomerSignature}</q>
        </p>
      )}
    </div>
  );
}
