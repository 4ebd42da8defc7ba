// The console's strip of live figures: live chats, customers waiting, the longest wait, open help requests.
import type { BoardChat } from '../../lib/protocol/index.ts';
import { formatElapsed, liveFigures, type Translate } from '../../lib/coaching/index.ts';

export function LiveFiguresStrip({ chats, now, waitAlertMs, t }: { chats: readonly BoardChat[]; now: number; waitAlertMs: number; t: Translate }) {
  const figures = liveFigures(chats, now);
  const longWait = figures.longestWaitMs !== null && figures.longestWaitMs >= waitAlertMs;
  const items = [
    { name: 'live', label: t('figureLive'), value: String(figures.live), alarm: false },
    { name: 'waiting', label: t('figureWaiting'), value: String(figures.waiting), alarm: false },
    { name: 'longest-wait', label: t('figureLongestWait'), value: figures.longestWaitMs === null ? t('figureNone') : formatElapsed(figures.longestWaitMs), alarm: longWait },
    { name: 'help', label: t('figureHelp'), value: String(figures.helpRequests), alarm: figures.helpRequests > 0 },
  ];
  return (
    <dl class="ut-figures" aria-label={t('figuresLabel')}>
      {items.map((item) => (
        <div key={item.name} class={`ut-figure${item.alarm ? ' ut-figure--alarm' : ''}`} data-figure={item.name}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
