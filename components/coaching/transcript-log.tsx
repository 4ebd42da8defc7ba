// The listened chat's live transcript as a log: customer, agent and system lines styled apart, always as text.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TranscriptEvent } from '../../lib/protocol/index.ts';
import type { MessageKey, Translate } from '../../lib/coaching/index.ts';

const AUTHOR_WORDS: Record<TranscriptEvent['author'], MessageKey> = {
  customer: 'authorCustomer',
  agent: 'authorAgent',
  system: 'authorSystem',
};

export function TranscriptLog({ events, t }: { events: readonly TranscriptEvent[]; t: Translate }) {
  const log = useRef<HTMLDivElement>(null);
  const shown = events.filter((e) => e.op !== 'remove');
  const last = shown[shown.length - 1];
  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last?.id, last?.text, shown.length]);
  return (
    <div ref={log} class="ut-transcript" role="log" aria-live="polite" aria-label={t('transcriptLabel')} tabIndex={0}>
      {shown.length === 0 ? (
        <p class="ut-empty">{t('transcriptEmpty')}</p>
      ) : (
        <ol class="ut-transcript-list">
          {shown.map((event) => (
            <li key={event.id} class={`ut-line ut-line--${event.author}`} data-author={event.author} data-event-id={event.id}>
              <div class="ut-line-head">
                <span class="ut-line-author">{t(AUTHOR_WORDS[event.author])}</span>
                {event.op === 'edit' && <span class="ut-line-edited">{t('edited')}</span>}
              </div>
              <p class="ut-line-text">{event.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
