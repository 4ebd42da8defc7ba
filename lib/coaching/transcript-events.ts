// Applies relayed transcript frames to the events a listener shows: a snapshot replaces, add/edit/remove update.
import type { TranscriptEvent } from '../protocol/index.ts';

/** The events to show after a `transcript` frame; `remove` events are never kept. */
export function applyTranscript(
  shown: readonly TranscriptEvent[],
  frame: { snapshot: boolean; events: readonly TranscriptEvent[] },
): TranscriptEvent[] {
  const next = frame.snapshot ? [] : [...shown];
  for (const event of frame.events) {
    const at = next.findIndex((e) => e.id === event.id);
    if (event.op === 'remove') {
      if (at >= 0) next.splice(at, 1);
    } else if (at >= 0) {
      next[at] = event;
    } else {
      next.push(event);
    }
  }
  return next;
}
