// Chat mood, computed in the agent's browser from the chat's lines with a small learned model, sent with the chat state.
export { chatMood } from './chat-mood.ts';
export { assessChat, hasRepeatedMessage, type ChatLine } from './chat-attention.ts';
export { messageMood, type MessageMood } from './message-mood.ts';
export { isAcknowledgement } from './acknowledgements.ts';
export { detectNonEnglish } from './language-detection.ts';
export { loadMoodModel, setMoodModelSource, gunzip, MOOD_MODEL_PATH } from './model-loader.ts';
export { MOOD_CLASSES, decodeModel, encodeModel, levelOfScore, predictFeatures, predictMessage, quantiseModel, scoreOfProbabilities, type LevelThresholds, type MoodModel } from './mood-model.ts';
export { messageFeatures, hashFeature, normaliseText, BUCKET_BITS } from './text-features.ts';
export { findCues, isShouting, type Cue } from './escalation-cues.ts';
