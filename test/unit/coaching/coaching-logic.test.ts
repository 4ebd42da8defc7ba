// @vitest-environment happy-dom
// Board order, filters, elapsed time, mood trend and history, alerts, transcript updates, locale text and theme.
import { describe, expect, it } from 'vitest';
import {
  applyTranscript,
  boardAlerts,
  boardChatId,
  filterChats,
  formatElapsed,
  formatLocaleMessage,
  moodTrend,
  recordMoodScores,
  sortByAttention,
  translateEnglish,
} from '../../../lib/coaching/index.ts';
import { themeForBackground, themeFromHostPage } from '../../../components/coaching/index.ts';
import { chat, T0 } from './coaching-fixtures.tsx';

const WAIT = 120_000;

describe('board order', () => {
  it('puts help requests first, then angry, at risk, long waits, then the rest', () => {
    const now = T0 + 10 * 60_000;
    const calm = chat({ key: 'calm' });
    const shortWait = chat({ key: 'short-wait', waitingSince: now - 30_000 });
    const longWait = chat({ key: 'long-wait', waitingSince: now - 200_000 });
    const atRisk = chat({ key: 'at-risk', mood: { score: -0.3, level: 'at_risk', reasons: [] } });
    const angry = chat({ key: 'angry', mood: { score: -0.8, level: 'angry', reasons: [] } });
    const help = chat({ key: 'help', helpRequested: true });
    const sorted = sortByAttention([calm, shortWait, longWait, atRisk, angry, help], now, WAIT);
    expect(sorted.map((c) => c.key)).toEqual(['help', 'angry', 'at-risk', 'long-wait', 'short-wait', 'calm']);
  });

  it('orders by the mood score within a level: the more frustrated customer first, even below at risk', () => {
    const now = T0 + 60_000;
    const calm = chat({ key: 'calm', mood: { score: 0.05, level: 'neutral', reasons: [] } });
    const uneasy = chat({ key: 'uneasy', mood: { score: -0.15, level: 'neutral', reasons: ['asked twice'] } });
    const frustrated = chat({ key: 'frustrated', mood: { score: -0.45, level: 'at_risk', reasons: ['frustrated'] } });
    const worse = chat({ key: 'worse', mood: { score: -0.7, level: 'at_risk', reasons: ['frustrated', 'waiting 4 min'] } });
    const pleased = chat({ key: 'pleased', mood: { score: 0.3, level: 'good', reasons: ['pleased'] } });
    expect(sortByAttention([pleased, calm, frustrated, uneasy, worse], now, WAIT).map((c) => c.key)).toEqual(['worse', 'frustrated', 'uneasy', 'calm', 'pleased']);
  });

  it('orders equal scores by the longest wait, then the oldest chat', () => {
    const now = T0 + 3_600_000;
    const a = chat({ key: 'a', mood: { score: -0.9, level: 'angry', reasons: [] }, waitingSince: now - 10_000 });
    const b = chat({ key: 'b', mood: { score: -0.9, level: 'angry', reasons: [] }, waitingSince: now - 90_000 });
    const c = chat({ key: 'c', mood: { score: -0.9, level: 'angry', reasons: [] }, startedAt: T0 - 5_000 });
    const d = chat({ key: 'd', mood: { score: -0.9, level: 'angry', reasons: [] } });
    expect(sortByAttention([d, c, a, b], now, WAIT).map((x) => x.key)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('a wait counts as long from the threshold on', () => {
    const now = T0 + 1_000_000;
    const justUnder = chat({ key: 'under', waitingSince: now - WAIT + 1 });
    const exactly = chat({ key: 'exact', waitingSince: now - WAIT, startedAt: T0 + 1 });
    expect(sortByAttention([justUnder, exactly], now, WAIT).map((x) => x.key)).toEqual(['exact', 'under']);
  });

  it('filters by team and by agent', () => {
    const chats = [
      chat({ key: '1', agentId: 'usr_a', teamIds: ['team_x'] }),
      chat({ key: '2', agentId: 'usr_b', teamIds: ['team_x', 'team_y'] }),
      chat({ key: '3', agentId: 'usr_c', teamIds: ['team_y'] }),
    ];
    expect(filterChats(chats, { teamId: null, agentId: null }).map((c) => c.key)).toEqual(['1', '2', '3']);
    expect(filterChats(chats, { teamId: 'team_y', agentId: null }).map((c) => c.key)).toEqual(['2', '3']);
    expect(filterChats(chats, { teamId: null, agentId: 'usr_a' }).map((c) => c.key)).toEqual(['1']);
    expect(filterChats(chats, { teamId: 'team_y', agentId: 'usr_a' })).toEqual([]);
  });

  it('names a chat by agent and key without collisions', () => {
    expect(boardChatId(chat({ key: 'x/y', agentId: 'usr_a' }))).toBe('usr_a/x/y');
    expect(boardChatId({ agentId: 'usr_a', conversationKey: 'x/y' })).toBe('usr_a/x/y');
  });
});

describe('elapsed time', () => {
  it('formats as m:ss, then h:mm:ss, never negative', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(45_999)).toBe('0:45');
    expect(formatElapsed(12 * 60_000 + 3_000)).toBe('12:03');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5_000)).toBe('0:00');
  });
});

describe('mood trend', () => {
  it('compares the score with the mean of the last three earlier scores', () => {
    expect(moodTrend(0.1, [])).toBe('steady');
    expect(moodTrend(-0.4, [0.2, 0.1, 0])).toBe('falling');
    expect(moodTrend(0.5, [0.2, 0.1, 0])).toBe('rising');
    expect(moodTrend(0.12, [0.2, 0.1, 0.05])).toBe('steady');
    // Only the last three count: the early 0.9 is forgotten.
    expect(moodTrend(0, [0.9, 0, 0, 0])).toBe('steady');
  });

  it('records a chat score only when it changed, keeps three, and forgets chats that left', () => {
    const one = chat({ key: 'one', mood: { score: 0.2, level: 'good', reasons: [] } });
    let history = recordMoodScores({}, [one]);
    history = recordMoodScores(history, [one]);
    expect(history[boardChatId(one)]).toEqual([0.2]);
    for (const score of [0.1, 0, -0.1]) history = recordMoodScores(history, [{ ...one, mood: { ...one.mood, score } }]);
    expect(history[boardChatId(one)]).toEqual([0.1, 0, -0.1]);
    expect(recordMoodScores(history, [])).toEqual({});
  });
});

describe('alerts', () => {
  it('raises help requests, mood drops and waits over the threshold, in that order', () => {
    const now = T0 + 600_000;
    const help = chat({ key: 'help', helpRequested: true });
    const dropped = chat({ key: 'drop', mood: { score: -0.3, level: 'at_risk', reasons: [] } });
    const steady = chat({ key: 'steady', mood: { score: -0.3, level: 'at_risk', reasons: [] } });
    const waiting = chat({ key: 'wait', waitingSince: now - 150_000 });
    const brief = chat({ key: 'brief', waitingSince: now - 60_000 });
    const history = { [boardChatId(dropped)]: [0.4, 0.1], [boardChatId(steady)]: [-0.2, -0.25] };
    const alerts = boardAlerts([brief, waiting, steady, dropped, help], { now, waitAlertMs: WAIT, moodHistory: history });
    expect(alerts.map((a) => `${a.kind}:${a.chat.key}`)).toEqual(['help:help', 'mood_drop:drop', 'long_wait:wait']);
    expect(alerts[2]?.waitedMs).toBe(150_000);
  });
});

describe('transcript updates', () => {
  const ev = (id: string, op: 'add' | 'edit' | 'remove', text = id) => ({ id, op, author: 'customer' as const, text, at: T0 });
  it('replaces on snapshot, appends, edits in place and removes', () => {
    let shown = applyTranscript([ev('old', 'add')], { snapshot: true, events: [ev('a', 'add'), ev('b', 'add')] });
    expect(shown.map((e) => e.id)).toEqual(['a', 'b']);
    shown = applyTranscript(shown, { snapshot: false, events: [ev('c', 'add'), ev('a', 'edit', 'a2'), ev('b', 'remove')] });
    expect(shown.map((e) => `${e.id}:${e.text}:${e.op}`)).toEqual(['a:a2:edit', 'c:c:add']);
  });
});

describe('locale text', () => {
  it('fills named placeholders from numbered substitutions, chrome.i18n style', () => {
    expect(translateEnglish('listeningOne', 'Sam')).toBe('Sam is listening');
    expect(translateEnglish('alertWait', ['Jo', '2:30', 'Ada'])).toBe('Jo has waited 2:30 for Ada');
    expect(translateEnglish('send')).toBe('Send');
  });

  it('leaves dollar signs inside substitutions alone and reads $$ as a dollar', () => {
    const entry = { message: 'Pay $$5 to $WHO$', placeholders: { who: { content: '$1' } } };
    expect(formatLocaleMessage(entry, ['$2 $WHO$'])).toBe('Pay $5 to $2 $WHO$');
  });

  it('answers an unknown key with empty text, as browser.i18n.getMessage does', () => {
    expect((translateEnglish as (key: string) => string)('noSuchKey')).toBe('');
  });
});

describe('theme from the host page', () => {
  it('reads light and dark backgrounds from colour strings', () => {
    expect(themeForBackground('rgb(255, 255, 255)')).toBe('light');
    expect(themeForBackground('rgb(24, 26, 31)')).toBe('dark');
    expect(themeForBackground('#1e1e1e')).toBe('dark');
    expect(themeForBackground('#f5f5f5')).toBe('light');
    expect(themeForBackground('rgb(0 0 0 / 80%)')).toBe('dark');
    expect(themeForBackground('rgba(0, 0, 0, 0)')).toBeNull();
    expect(themeForBackground('transparent')).toBeNull();
    expect(themeForBackground('not a colour')).toBeNull();
  });

  it('walks up from the mount host, through a shadow root, to the first opaque background', () => {
    const page = document.createElement('div');
    page.style.backgroundColor = 'rgb(20, 22, 28)';
    const pane = document.createElement('div');
    const shadowHost = document.createElement('div');
    page.append(pane);
    pane.append(shadowHost);
    document.body.append(page);
    const inner = document.createElement('div');
    shadowHost.attachShadow({ mode: 'open' }).append(inner);
    try {
      expect(themeFromHostPage(inner)).toBe('dark');
      pane.style.backgroundColor = '#ffffff';
      expect(themeFromHostPage(inner)).toBe('light');
    } finally {
      page.remove();
    }
  });

  it('falls back when nothing has a background', () => {
    const lone = document.createElement('div');
    document.body.append(lone);
    try {
      expect(themeFromHostPage(lone, 'dark')).toBe('dark');
    } finally {
      lone.remove();
    }
  });
});
