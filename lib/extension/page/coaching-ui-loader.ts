// Loads the coaching UI script into this tab through the background, once, and hands back its view factory.
import { askBackground } from '../messages.ts';
import { COACHING_UI_READY as READY, type CoachingUi } from './coaching-ui-contract.ts';

let loading: Promise<CoachingUi> | null = null;

export function loadCoachingUi(): Promise<CoachingUi> {
  loading ??= new Promise<CoachingUi>((resolve, reject) => {
    const scope = globalThis as unknown as Record<string, ((ui: CoachingUi) => void) | undefined>;
    const timer = setTimeout(() => reject(new Error('the coaching UI did not load within 10 s')), 10_000);
    scope[READY] = (ui) => {
      clearTimeout(timer);
      delete scope[READY];
      resolve(ui);
    };
    askBackground({ type: 'load_coaching_ui' }).then(
      (answer) => {
        if (answer && !answer.ok) reject(new Error(answer.message));
      },
      (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    );
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
