// One small page interface over playwright-core and puppeteer-core pages, so each test runs in both browsers.
import type { InShadow } from './closed-shadow.ts';

/** The calls the e2e tests make on a page, whichever driver is behind it. */
export interface UiPage {
  readonly url: () => string;
  goto(url: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** A real mouse click at page coordinates (CSS pixels of the viewport). */
  clickAt(x: number, y: number): Promise<void>;
  /**
   * Runs `fn` in the page with the shadow root of the first element matching `host`, or null when none matches.
   * Undertone's roots are closed, so page scripts cannot reach them; the test driver can (harness/closed-shadow.ts).
   */
  inShadow: InShadow;
  /** Clicks (a real mouse click) `selector` inside the shadow root of the element matching `host`. */
  clickIn(host: string, selector: string): Promise<void>;
  /** Types `value` (real key presses) into the empty field matching `selector` inside `host`'s shadow root. */
  fillIn(host: string, selector: string, value: string): Promise<void>;
  /** Text content of `selector` inside `host`'s shadow root, or null. */
  textIn(host: string, selector: string): Promise<string | null>;
  /** Text contents of every match of `selector` inside `host`'s shadow root. */
  textsIn(host: string, selector: string): Promise<string[]>;
  /** textContent of the first match, or null when nothing matches. */
  textOf(selector: string): Promise<string | null>;
  /** Polls until the selector's text matches, returning it; throws with the last text seen. */
  waitForText(selector: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Polls a page function until it returns a truthy value and returns it. */
  waitFor<T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown, timeoutMs?: number): Promise<T>;
  evaluate<T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown): Promise<T>;
  reload(): Promise<void>;
  /** Sets the page's viewport size in CSS pixels. */
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

type Evaluate = <T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown) => Promise<T>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polling shared by both drivers: keeps going through navigations and reports what it last saw. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${String(lastError)}` : ''}`);
}

/** The driver's real input: a mouse click at page coordinates, and typing into the focused element. */
export type DriverInput = { click(x: number, y: number): Promise<void>; type(text: string): Promise<void> };

/** Reading, clicking and typing inside shadow roots (open or closed), built on `inShadow` and real input. */
export function shadowHelpers(inShadow: InShadow, input: DriverInput): Pick<UiPage, 'inShadow' | 'textIn' | 'textsIn' | 'clickIn' | 'fillIn'> {
  const texts = (host: string, selector: string) =>
    inShadow(host, (root, s) => [...(root?.querySelectorAll(s as string) ?? [])].map((el) => el.textContent ?? ''), selector);
  /** Waits for the element, scrolls it into view and returns its centre; `focus` also focuses it. */
  const locate = (host: string, selector: string, focus: boolean) =>
    poll(
      () =>
        inShadow(
          host,
          (root, a) => {
            const { s, f } = a as { s: string; f: boolean };
            const el = root?.querySelector(s) as HTMLElement | null | undefined;
            if (!el) return null;
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            if (f) {
              el.focus();
              // Typing then replaces what the field held, as a person selecting it first would.
              if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
            }
            const r = el.getBoundingClientRect();
            const at = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
            // Only where a click would reach it (nothing of the page or of Undertone lies on top).
            const hit = root!.elementFromPoint(at.x, at.y);
            return r.width > 0 && r.height > 0 && hit !== null && (hit === el || el.contains(hit)) ? at : null;
          },
          { s: selector, f: focus },
        ),
      (at) => at !== null,
      15_000,
      `${selector} in ${host}`,
    );
  return {
    inShadow,
    textsIn: texts,
    textIn: async (host, selector) => (await texts(host, selector))[0] ?? null,
    async clickIn(host, selector) {
      // As a person would: once the element has stopped moving (a new message slides in, a list re-orders).
      let at = (await locate(host, selector, false))!;
      for (let tries = 0; tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        const again = (await locate(host, selector, false))!;
        if (again.x === at.x && again.y === at.y) break;
        at = again;
      }
      await input.click(at.x, at.y);
    },
    async fillIn(host, selector, value) {
      await locate(host, selector, true);
      await input.type(value);
    },
  };
}

export function pollingHelpers(evaluate: Evaluate): Pick<UiPage, 'textOf' | 'waitForText' | 'waitFor'> {
  const textOf = (selector: string) =>
    evaluate((s) => document.querySelector(s as string)?.textContent ?? null, selector);
  return {
    textOf,
    async waitForText(selector, pattern, timeoutMs = 15_000) {
      const text = await poll(() => textOf(selector), (t) => t !== null && pattern.test(t), timeoutMs, `${selector} to match ${pattern}`);
      return text as string;
    },
    waitFor(fn, arg, timeoutMs = 15_000) {
      return poll(() => evaluate(fn, arg), (v) => Boolean(v), timeoutMs, `a page condition (${fn.toString().slice(0, 80)})`);
    },
  };
}
