// Supervisor alerts from board frames: help requests, mood drops and long waits, each once per cause.
import { describe, expect, it } from 'vitest';
import { BoardAlerts } from '../../../lib/extension/board-alerts.ts';
import type { BoardChat } from '../../../lib/protocol/index.ts';

const NOW = 1_800_000_000_000;
const chat = (over: Partial<BoardChat> = {}): BoardChat => ({
  key: 'c1', customer: 'Jo', startedAt: NOW - 600_000, lastCustomerAt: null, waitingSince: null,
  mood: { score: 0, level: 'neutral', reasons: [] }, active: true, agentId: 'usr_a', agentName: 'Alice', teamIds: ['t1'], listeners: [], helpRequested: false, ...over,
});
const delta = (upsert: BoardChat[]) => ({ type: 'board_delta' as const, agents: [], agentsGone: [], upsert, remove: [] });

describe('BoardAlerts', () => {
  it('alerts a new help request and a mood drop once, and a long wait once per wait', () => {
    const alerts = new BoardAlerts(() => 120);
    expect(alerts.apply({ type: 'board_snapshot', teams: [], agents: [], chats: [chat()] }, NOW)).toEqual([]);
    expect(alerts.apply(delta([chat({ helpRequested: true })]), NOW).map((a) => a.kind)).toEqual(['help']);
    expect(alerts.apply(delta([chat({ helpRequested: true })]), NOW)).toEqual([]);
    const angry = chat({ helpRequested: true, mood: { score: -0.8, level: 'angry', reasons: ['asks for a manager'] } });
    expect(alerts.apply(delta([angry]), NOW)).toEqual([expect.objectContaining({ kind: 'mood', title: 'Jo (#c1) is angry', message: "Alice's chat: asks for a manager" })]);
    expect(alerts.apply(delta([angry]), NOW)).toEqual([]);
    const waiting = { ...angry, waitingSince: NOW - 60_000 };
    expect(alerts.apply(delta([waiting]), NOW)).toEqual([]);
    expect(alerts.waits(NOW + 61_000).map((a) => a.kind)).toEqual(['wait']);
    expect(alerts.waits(NOW + 120_000)).toEqual([]);
    expect(alerts.helpCount()).toBe(1);
  });

  it('takes what the snapshot shows as known, without alerting it', () => {
    const alerts = new BoardAlerts(() => 120);
    const known = chat({ helpRequested: true, mood: { score: -0.9, level: 'angry', reasons: [] } });
    expect(alerts.apply({ type: 'board_snapshot', teams: [], agents: [], chats: [known] }, NOW)).toEqual([]);
    expect(alerts.apply(delta([known]), NOW)).toEqual([]);
  });
});
