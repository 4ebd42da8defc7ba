// What the console says about agents whose helpdesk page Undertone cannot read (the relay's `page_health`): one
// headline ("Coaching unavailable for 3 agents: page not recognised") and a line per agent with what is missing.
import type { HealthPart, PageHealthAgent } from '../protocol/index.ts';
import type { MessageKey, Translate } from './translate.ts';

const PART_KEYS: Record<Exclude<HealthPart, 'adapter_run'>, MessageKey> = {
  chat_view: 'pagePartChatView',
  transcript: 'pagePartTranscript',
  conversation_key: 'pagePartConversationKey',
};

export type PageHealthWords = { headline: string; agents: { agentId: string; text: string }[] };

/** Null when every agent's page is recognised. Agents by name. */
export function pageHealthWords(agents: readonly PageHealthAgent[], t: Translate): PageHealthWords | null {
  if (agents.length === 0) return null;
  const adapterText = (adapter: PageHealthAgent['adapters'][number]) => {
    const parts = adapter.parts.filter((p): p is Exclude<HealthPart, 'adapter_run'> => p !== 'adapter_run');
    if (parts.length === 0) return t('pageHealthAdapterFailed', adapter.name);
    return t('pageHealthAdapter', [adapter.name, parts.map((p) => t(PART_KEYS[p])).join(', ')]);
  };
  return {
    headline: agents.length === 1 ? t('pageHealthOne') : t('pageHealthMany', String(agents.length)),
    agents: [...agents]
      .sort((a, b) => a.agentName.localeCompare(b.agentName))
      .map((a) => ({ agentId: a.agentId, text: t('pageHealthAgent', [a.agentName, a.adapters.map(adapterText).join('; ')]) })),
  };
}
