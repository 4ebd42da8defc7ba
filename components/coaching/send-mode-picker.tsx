// "Send as" for a coach: Whisper, Suggestion and, where the chat allows it, Send to customer; under "ask" a note
// that the agent has to allow it. The picked kind comes in and goes out; the parent resets it after a send.
import type { CustomerSendMode } from '../../lib/protocol/index.ts';
import { mustAskAgent, sendKindsFor, type MessageKey, type SendKind, type Translate } from '../../lib/coaching/index.ts';

const MODE_WORDS: Record<SendKind, MessageKey> = { whisper: 'modeWhisper', suggestion: 'modeSuggestion', customer: 'modeCustomer' };
const HINT_WORDS: Record<SendKind, MessageKey> = { whisper: 'modeWhisperHint', suggestion: 'modeSuggestionHint', customer: 'modeCustomerHint' };
const PLACEHOLDER_WORDS: Record<SendKind, MessageKey> = { whisper: 'whisperPlaceholder', suggestion: 'suggestionPlaceholder', customer: 'customerPlaceholder' };

/** The composer's placeholder for the picked kind. */
export function sendKindPlaceholder(kind: SendKind, t: Translate): string {
  return t(PLACEHOLDER_WORDS[kind]);
}

type SendModePickerProps = {
  /** The picked kind, already narrowed to what the chat offers (see keptKind). */
  kind: SendKind;
  /** The chat's customerSend as the agent's extension published it (absent = 'off'). */
  customerSend: CustomerSendMode | undefined;
  agentName: string;
  /** Name of the radio group (unique on the page). */
  name: string;
  t: Translate;
  onChange: (kind: SendKind) => void;
};

export function SendModePicker({ kind, customerSend, agentName, name, t, onChange }: SendModePickerProps) {
  const hintId = `${name}-hint`;
  return (
    <fieldset class="ut-mode" aria-describedby={hintId}>
      <legend>{t('modeLabel')}</legend>
      {sendKindsFor(customerSend).map((mode) => (
        <label key={mode} class={`ut-mode-${mode}`}>
          <input type="radio" name={name} value={mode} checked={kind === mode} onChange={() => onChange(mode)} />
          {t(MODE_WORDS[mode])}
        </label>
      ))}
      <span class="ut-hint" id={hintId}>
        {kind === 'customer' ? t('modeCustomerHint', agentName) : t(HINT_WORDS[kind])}
      </span>
      {mustAskAgent(customerSend) && (
        <span class="ut-hint ut-mode-ask" role="note">
          {t('customerSendAsk', agentName)}
        </span>
      )}
    </fieldset>
  );
}
