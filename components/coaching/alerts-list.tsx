// The supervisor's alerts: help requests, mood drops and long waits, each with "Listen" and "Dismiss".
import type { BoardAlert } from '../../lib/coaching/index.ts';
import { formatElapsed } from '../../lib/coaching/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';

function alertWords(alert: BoardAlert, t: Translate): string {
  // The customer with the helpdesk's chat id, so two customers of one name are told apart.
  const customer = `${alert.chat.customer} ${t('chatIdMark', alert.chat.key)}`;
  const { agentName } = alert.chat;
  const words: Record<BoardAlert['kind'], () => string> = {
    help: () => t('alertHelp', [agentName, customer]),
    mood_drop: () => t('alertMoodDrop', [customer, agentName]),
    long_wait: () => t('alertWait', [customer, formatElapsed(alert.waitedMs ?? 0), agentName]),
  };
  return words[alert.kind]();
}

type AlertsListProps = {
  alerts: readonly BoardAlert[];
  t: Translate;
  onListen: (alert: BoardAlert) => void;
  onDismiss: (alert: BoardAlert) => void;
};

export function AlertsList({ alerts, t, onListen, onDismiss }: AlertsListProps) {
  return (
    <section class="ut-alerts-box" aria-label={t('alertsTitle')}>
      <h3 class="ut-subtitle">
        {t('alertsTitle')}
        {alerts.length > 0 && (
          <>
            {' '}
            <span class="ut-count">{alerts.length}</span>
          </>
        )}
      </h3>
      {alerts.length === 0 ? (
        <p class="ut-empty">{t('alertsEmpty')}</p>
      ) : (
        <ul class="ut-alerts">
          {alerts.map((alert) => (
            <li key={alert.id} class={`ut-alert ut-alert--${alert.kind}`} data-alert-kind={alert.kind}>
              <span class="ut-alert-text">{alertWords(alert, t)}</span>
              <button type="button" class="ut-button" onClick={() => onListen(alert)}>
                {t('alertListen')}
              </button>
              <button type="button" class="ut-button" onClick={() => onDismiss(alert)}>
                {t('dismiss')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
