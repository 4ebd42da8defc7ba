// Chat mood, computed in the agent's browser from customer messages and sent with the chat state.
export { chatMood, levelOf, messageSentiment, LEVEL_THRESHOLDS, type CustomerLine } from './chat-mood.ts';
export { findCues, isShouting, type Cue } from './escalation-cues.ts';
