// A small count of unread whispers that the integrator shows beside one of the agent's other open chats.
import type { UnreadCountBadgeProps } from './coaching-props.ts';
import { translateEnglish } from '../../lib/coaching/index.ts';

export function UnreadCountBadge({ count, theme = 'light', t = translateEnglish }: UnreadCountBadgeProps) {
  if (!(count > 0)) return null;
  const words = count === 1 ? t('unreadCountOne') : t('unreadCountMany', String(count));
  return (
    <span class="ut-root ut-badge" data-theme={theme} title={words}>
      <span aria-hidden="true">{count > 99 ? '99+' : String(count)}</span>
      <span class="ut-sr-only">{words}</span>
    </span>
  );
}
