// Keyboard shortcuts from the helpdesk's reply box: Alt+Shift+I puts the newest suggestion into the reply box,
// Alt+Shift+C moves to the coaching reply. Matched by key position (`code`), so they work on any keyboard layout.
import type { ThreadMessage } from '../../protocol/index.ts';

export type ThreadShortcut = 'insert-suggestion' | 'focus-coaching-reply';

export function threadShortcutOf(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): ThreadShortcut | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === 'KeyI') return 'insert-suggestion';
  if (event.code === 'KeyC') return 'focus-coaching-reply';
  return null;
}

/** The newest suggestion from someone else in the thread, or null. */
export function newestSuggestion(messages: readonly ThreadMessage[], selfId: string): ThreadMessage | null {
  let newest: ThreadMessage | null = null;
  for (const m of messages) {
    if (m.kind !== 'suggestion' || m.from.id === selfId) continue;
    if (!newest || m.createdAt > newest.createdAt || (m.createdAt === newest.createdAt && m.id > newest.id)) newest = m;
  }
  return newest;
}
