// The demo desk page's connection to its server: initial state, the live event stream, replies and closing chats.
import type { DemoAgent } from '../cast.ts';
import type { DemoConversation, DemoEvent } from '../simulation.ts';

export interface DeskState {
  agent: DemoAgent;
  conversations: DemoConversation[];
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `request failed (${response.status})`);
  return body;
}

export function loadState(): Promise<DeskState> {
  return request<DeskState>('/api/state');
}

export function sendReply(conversationId: string, text: string): Promise<unknown> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

export function closeConversation(conversationId: string): Promise<unknown> {
  return request(`/api/conversations/${encodeURIComponent(conversationId)}/close`, { method: 'POST' });
}

/** Live events; after a dropped connection comes back, a `resync` is delivered so the page reloads its state. */
export function subscribe(onEvent: (event: DemoEvent) => void): () => void {
  const source = new EventSource('/api/events');
  let dropped = false;
  source.onmessage = (message) => onEvent(JSON.parse(message.data as string) as DemoEvent);
  source.onerror = () => {
    dropped = true;
  };
  source.onopen = () => {
    if (dropped) onEvent({ type: 'resync' });
    dropped = false;
  };
  return () => source.close();
}
