// What belongs to one relay socket (board subscription, listen-ins, the agent's chat state), replayed after reconnects.
import type { ClientFrame } from '../protocol/index.ts';

const KEY = 'intents';

type Intents = { chatState: ClientFrame | null; board: ClientFrame | null; listening: Record<string, ClientFrame> };

const area = () => browser.storage.session ?? browser.storage.local;

async function read(): Promise<Intents> {
  return ((await area().get(KEY))[KEY] as Intents | undefined) ?? { chatState: null, board: null, listening: {} };
}

/** Remembers the effect of a live frame the user sent, so it can be re-sent on the next socket. */
export async function rememberIntent(frame: ClientFrame): Promise<void> {
  const intents = await read();
  switch (frame.type) {
    case 'chat_state':
      intents.chatState = frame;
      break;
    case 'board_subscribe':
      intents.board = frame;
      break;
    case 'board_unsubscribe':
      intents.board = null;
      break;
    case 'listen_start':
      intents.listening[`${frame.agentId}\u0000${frame.conversationKey}`] = frame;
      break;
    case 'listen_stop':
      delete intents.listening[`${frame.agentId}\u0000${frame.conversationKey}`];
      break;
    default:
      return;
  }
  await area().set({ [KEY]: intents });
}

export async function intentsToReplay(): Promise<ClientFrame[]> {
  const intents = await read();
  return [intents.chatState, intents.board, ...Object.values(intents.listening)].filter((f): f is ClientFrame => f !== null);
}

export async function forgetIntents(): Promise<void> {
  await area().remove(KEY);
}
