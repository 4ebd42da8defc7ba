// "Ask for help": a button that opens a one-line reason form; Enter raises the hand, Escape cancels.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/coaching/index.ts';

/** The relay's limit for a help reason. */
export const HELP_REASON_MAX = 500;

export function HelpRequest({ t, onAskHelp }: { t: Translate; onAskHelp: (reason: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (open) input.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const close = () => {
    setOpen(false);
    setReason('');
  };
  const trimmed = reason.trim();
  if (!open) {
    return (
      <button ref={opener} type="button" class="ut-button ut-ask-help" aria-expanded="false" onClick={() => setOpen(true)}>
        {t('askForHelp')}
      </button>
    );
  }
  return (
    <form
      class="ut-help-form"
      aria-label={t('askForHelp')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!trimmed) return;
        onAskHelp(trimmed.slice(0, HELP_REASON_MAX));
        close();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <label class="ut-label" for={`${id}-reason`}>
        {t('helpReasonLabel')}
      </label>
      <input
        ref={input}
        id={`${id}-reason`}
        class="ut-input"
        type="text"
        maxLength={HELP_REASON_MAX}
        placeholder={t('helpReasonPlaceholder')}
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <div class="ut-actions">
        <button type="submit" class="ut-button ut-button--primary" disabled={!trimmed}>
          {t('helpSend')}
        </button>
        <button type="button" class="ut-button" onClick={close}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
