// The coaching logic behind the supervisor board and the whisper thread: board order and filters, mood trend,
// alerts, transcript updates, elapsed time and UI text lookup. Pure functions, no DOM, no extension APIs.
export { boardChatId, filterChats, sortByAttention, attentionTier, attentionScore, LONG_WAIT_ATTENTION, DEFAULT_WAIT_ALERT_SECONDS, type BoardFilter } from './board-order.ts';
export { moodTrend, moodDrop, recordMoodScores, TREND_STEP, TREND_WINDOW, type MoodHistory, type MoodTrend } from './mood-trend.ts';
export { boardAlerts, DEFAULT_MOOD_DROP, type BoardAlert, type BoardAlertKind } from './board-alerts.ts';
export { applyTranscript } from './transcript-events.ts';
export { elapsedMs, formatElapsed, formatTimeOfDay } from './elapsed-time.ts';
export { englishMessages, formatLocaleMessage, substitutionText, translateEnglish, withSafeSubstitutions, type LocaleMessage, type MessageKey, type Translate } from './translate.ts';
export { liveFigures, type LiveFigures } from './live-figures.ts';
export { matchesSearch, searchChats, type SearchableChat } from './board-search.ts';
export { sendKindsFor, keptKind, mustAskAgent, customerSendState, customerSendWords, type SendKind, type CustomerSendState } from './send-modes.ts';
export { pageHealthWords, type PageHealthWords } from './page-health.ts';
