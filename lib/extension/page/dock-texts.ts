// The docked thread's own texts (the chat's id mark, "Reconnecting", coaching paused for another helpdesk user),
// built through the page's getMessage with every substitution made safe (a NUL in a name must not cut the text).
import { withSafeSubstitutions, type Translate } from '../../coaching/index.ts';
import type { OtherHelpdeskUser } from '../helpdesk-user.ts';

export type DockTexts = {
  chatIdMark(conversationKey: string): string;
  reconnecting(): string;
  otherHelpdeskUser(other: OtherHelpdeskUser): string;
};

export function dockTexts(getMessage: Translate): DockTexts {
  const t = withSafeSubstitutions(getMessage);
  return {
    chatIdMark: (conversationKey) => t('chatIdMark', conversationKey),
    reconnecting: () => t('reconnecting'),
    otherHelpdeskUser: (other) => t('helpdeskOtherUser', [other.helpdeskName, other.undertoneName]),
  };
}
