// A message box with a send button: Enter sends, Shift+Enter adds a line, Escape clears what was typed.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Translate } from '../../lib/coaching/index.ts';

type MessageComposerProps = {
  label: string;
  placeholder: string;
  maxLength: number;
  t: Translate;
  /** Called with the trimmed text; the box is then emptied. */
  onSubmit: (text: string) => void;
  /** Shown above the box inside the form (the whisper/suggestion toggle). */
  children?: ComponentChildren;
  class?: string;
};

export function MessageComposer({ label, placeholder, maxLength, t, onSubmit, children, class: extra }: MessageComposerProps) {
  const [text, setText] = useState('');
  const id = useId();
  const trimmed = text.trim();
  const submit = () => {
    if (!trimmed) return;
    onSubmit(trimmed.slice(0, maxLength));
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && text) {
      // The first Escape empties the box; the next reaches the panel (collapse, back to the board).
      event.stopPropagation();
      setText('');
    }
  };
  return (
    <form
      class={`ut-composer${extra ? ` ${extra}` : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {children}
      <label class="ut-label" for={`${id}-text`}>
        {label}
      </label>
      <div class="ut-composer-row">
        <textarea
          id={`${id}-text`}
          class="ut-input ut-textarea"
          rows={2}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-describedby={`${id}-hint`}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="ut-button ut-button--primary" disabled={!trimmed}>
          {t('send')}
        </button>
      </div>
      <p class="ut-hint" id={`${id}-hint`}>
        {t('keyboardHint')}
      </p>
    </form>
  );
}
