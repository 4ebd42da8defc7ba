// Mood levels and trends in words, and the arrows that go with a trend.
import type { MoodLevel } from '../../lib/protocol/index.ts';
import type { MoodTrend } from '../../lib/coaching/index.ts';
import type { MessageKey } from '../../lib/coaching/index.ts';

export const MOOD_LEVEL_WORDS: Record<MoodLevel, MessageKey> = {
  good: 'moodGood',
  neutral: 'moodNeutral',
  at_risk: 'moodAtRisk',
  angry: 'moodAngry',
};

export const MOOD_TREND_WORDS: Record<MoodTrend, MessageKey> = {
  rising: 'trendRising',
  falling: 'trendFalling',
  steady: 'trendSteady',
};

export const MOOD_TREND_ARROWS: Record<MoodTrend, string> = { rising: '↑', falling: '↓', steady: '→' };
