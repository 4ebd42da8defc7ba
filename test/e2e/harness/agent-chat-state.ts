// A chat_state frame an in-process agent client publishes for one open chat, saying what it allows for sending to
// the customer (absent: the word is left out, which means "off").
import type { ChatStateFrame, CustomerSendMode } from '../../../lib/protocol/index.ts';

export function chatStateSaying(key: string, customer: string, customerSend: CustomerSendMode | undefined): ChatStateFrame {
  return {
    type: 'chat_state',
    conversations: [
      {
        key,
        customer,
        startedAt: Date.now() - 60_000,
        lastCustomerAt: null,
        waitingSince: null,
        mood: { score: 0, level: 'neutral', reasons: [] },
        active: true,
        ...(customerSend ? { customerSend } : {}),
      },
    ],
  };
}
