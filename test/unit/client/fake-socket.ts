// A scripted WebSocket for unit tests: records what the client sends and plays the relay's side by hand.
import type { RelayFrame } from '../../../lib/protocol/index.ts';
import type { WebSocketLike } from '../../../lib/client/index.ts';

export class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: Array<Record<string, unknown>> = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.serverClose(code ?? 1005, reason ?? '');
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(frame: RelayFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  serverClose(code: number, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type: string): Array<Record<string, unknown>> {
    return this.sent.filter((f) => f.type === type);
  }
}

export function welcome(headSeq = 0): RelayFrame {
  return {
    type: 'welcome',
    v: 1,
    sessionId: 'ses_1',
    user: { id: 'usr_agent', name: 'Alice', role: 'agent', orgId: 'org_1', orgName: 'Acme', teams: [{ id: 'team_1', name: 'Tier 1' }] },
    headSeq,
    resumed: true,
    limits: { maxFrameBytes: 65536, ratePerSec: 100, rateBurst: 200, heartbeatMs: 20000 },
  };
}

export function whisperMessage(seq: number, id: string, text = `whisper ${id}`): RelayFrame {
  return {
    type: 'message',
    seq,
    message: {
      id,
      msgId: `msg-${id}-xxxxxxxx`,
      kind: 'whisper',
      agentId: 'usr_agent',
      conversationKey: 'conv-1',
      from: { id: 'usr_sup', name: 'Sam', role: 'supervisor' },
      text,
      createdAt: 1_700_000_000_000 + seq,
      readBy: [],
    },
  };
}

export { until } from '../../support/until.ts';
