// The quiet note naming the supervisors who listen to a chat; nothing when nobody does.
import type { UserRef } from '../../lib/protocol/index.ts';
import type { Translate } from '../../lib/coaching/index.ts';

/** Distinct listener names in the order given (the relay lists them in the order they started listening). */
export function listenerNames(listeners: readonly UserRef[]): string[] {
  const seen = new Set<string>();
  return listeners.filter((u) => !seen.has(u.id) && seen.add(u.id)).map((u) => u.name);
}

export function ListenersNote({ listeners, t }: { listeners: readonly UserRef[]; t: Translate }) {
  const names = listenerNames(listeners);
  const words = names.length === 0 ? '' : names.length === 1 ? t('listeningOne', names[0]!) : t('listeningMany', names.join(', '));
  // The live region stays in the page so that a supervisor joining is announced.
  return (
    <p class="ut-listeners" role="status" hidden={!words}>
      {words && (
        <>
          <span class="ut-listeners-dot" aria-hidden="true" />
          {words}
        </>
      )}
    </p>
  );
}
