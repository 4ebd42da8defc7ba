// The board's search box: finds chats by customer, agent or the helpdesk's chat id as the supervisor types.
import { useId } from 'preact/hooks';
import type { Translate } from '../../lib/coaching/index.ts';

export function BoardSearchBox({ query, onChange, t }: { query: string; onChange: (query: string) => void; t: Translate }) {
  const id = useId();
  return (
    <div class="ut-search">
      <label class="ut-sr-only" for={`${id}-search`}>
        {t('searchLabel')}
      </label>
      <input
        id={`${id}-search`}
        class="ut-input ut-search-input"
        type="search"
        autocomplete="off"
        spellcheck={false}
        maxLength={200}
        placeholder={t('searchPlaceholder')}
        value={query}
        onInput={(event) => onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.stopPropagation();
            onChange('');
          }
        }}
      />
    </div>
  );
}
