// The text the bench's routed frames carry, the same for every server measured.

/** About 200 characters of customer text, the size of a typical chat message. */
export const TRANSCRIPT_TEXT =
  'Hello, I ordered a blue kettle two weeks ago and it still has not arrived. The tracking page says it left the depot on Monday, but nothing since then. Can you tell me where it is?';
export const WHISPER_TEXT = 'Apologise for the delay, then offer the express reshipment; we can cover the cost.';
