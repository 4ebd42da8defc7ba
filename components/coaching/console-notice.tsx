// What the console shows instead of the board: signed out, or signed in as an agent (who has no board).
import type { Theme } from './theme.ts';
import type { Translate } from '../../lib/coaching/index.ts';

export function ConsoleNotice({ t, theme, text, action }: { t: Translate; theme: Theme; text: string; action?: { label: string; run: () => void } }) {
  return (
    <section class="ut-root ut-super ut-console-notice" data-theme={theme} aria-label={t('consoleLabel')}>
      <header class="ut-super-head">
        <h2 class="ut-title">{t('consoleTitle')}</h2>
      </header>
      <p class="ut-notice" role="status">
        {text}
      </p>
      {action && (
        <button type="button" class="ut-button ut-button--primary" onClick={action.run}>
          {action.label}
        </button>
      )}
    </section>
  );
}
