// The console's words for agents whose helpdesk page is not recognised: the headline's count and each agent's line.
import { describe, expect, it } from 'vitest';
import { pageHealthWords, translateEnglish } from '../../../lib/coaching/index.ts';

const agent = (agentId: string, agentName: string, parts: ('chat_view' | 'transcript' | 'conversation_key' | 'adapter_run')[]) => ({
  agentId,
  agentName,
  since: 0,
  adapters: [{ id: 'parcelly', name: 'Parcelly Support', parts }],
});

describe('page health words', () => {
  it('says nothing when every page is recognised', () => {
    expect(pageHealthWords([], translateEnglish)).toBeNull();
  });

  it('counts the agents and says what each page lacks', () => {
    const words = pageHealthWords([agent('u2', 'Zoe Agent', ['adapter_run']), agent('u1', 'Alice Agent', ['transcript', 'conversation_key']), agent('u3', 'Bo Agent', ['chat_view'])], translateEnglish);
    expect(words?.headline).toBe('Coaching unavailable for 3 agents: page not recognised');
    expect(words?.agents).toEqual([
      { agentId: 'u1', text: 'Alice Agent: Parcelly Support cannot find the transcript, conversation key' },
      { agentId: 'u3', text: 'Bo Agent: Parcelly Support cannot find the chat view' },
      { agentId: 'u2', text: 'Zoe Agent: Parcelly Support failed on the page' },
    ]);
  });

  it('speaks of one agent in the singular', () => {
    expect(pageHealthWords([agent('u1', 'Alice Agent', ['transcript'])], translateEnglish)?.headline).toBe('Coaching unavailable for 1 agent: page not recognised');
  });
});
