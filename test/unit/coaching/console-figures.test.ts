// Live figures and board search as plain functions: edge cases the console relies on.
import { describe, expect, it } from 'vitest';
import { liveFigures } from '../../../lib/coaching/live-figures.ts';
import { matchesSearch, searchChats } from '../../../lib/coaching/board-search.ts';
import { chat, T0 } from './coaching-fixtures.tsx';

describe('liveFigures', () => {
  it('never counts a wait below zero when the clock is behind the relay', () => {
    expect(liveFigures([chat({ key: 'a', waitingSince: T0 + 5_000 })], T0)).toEqual({ live: 1, waiting: 1, longestWaitMs: 0, helpRequests: 0 });
  });
  it('has no longest wait with nobody waiting', () => {
    expect(liveFigures([chat({ key: 'a' }), chat({ key: 'b', helpRequested: true })], T0)).toEqual({ live: 2, waiting: 0, longestWaitMs: null, helpRequests: 1 });
  });
});

describe('board search', () => {
  const c = { customer: 'Zoë  Martin', agentName: 'Ben Ng', key: 'conv-77' };
  it('needs every word, in any field, any order', () => {
    expect(matchesSearch(c, 'martin zoe')).toBe(true);
    expect(matchesSearch(c, 'ng 77')).toBe(true);
    expect(matchesSearch(c, 'zoe smith')).toBe(false);
    expect(matchesSearch(c, '   ')).toBe(true);
  });
  it('keeps the order it was given and copies', () => {
    const list = [c, { ...c, customer: 'Other' }];
    expect(searchChats(list, '')).not.toBe(list);
    expect(searchChats(list, 'other')).toEqual([list[1]]);
  });
});
