// One small page interface over playwright-core and puppeteer-core pages, so each test runs in both browsers.

/** The calls the e2e tests make on a page, whichever driver is behind it. */
export interface UiPage {
  readonly url: () => string;
  goto(url: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** A real mouse click at page coordinates (CSS pixels of the viewport). */
  clickAt(x: number, y: number): Promise<void>;
  /** Clicks `selector` inside the open shadow root of the element matching `host`. */
  clickIn(host: string, selector: string): Promise<void>;
  /** Types `value` into the (empty) field matching `selector` inside `host`'s open shadow root. */
  fillIn(host: string, selector: string, value: string): Promise<void>;
  /** Text content of `selector` inside `host`'s open shadow root, or null. */
  textIn(host: string, selector: string): Promise<string | null>;
  /** Text contents of every match of `selector` inside `host`'s open shadow root. */
  textsIn(host: string, selector: string): Promise<string[]>;
  /** textContent of the first match, or null when nothing matches. */
  textOf(selector: string): Promise<string | null>;
  /** Polls until the selector's text matches, returning it; throws with the last text seen. */
  waitForText(selector: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Polls a page function until it returns a truthy value and returns it. */
  waitFor<T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown, timeoutMs?: number): Promise<T>;
  evaluate<T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown): Promise<T>;
  reload(): Promise<void>;
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

export function shadowReaders(evaluate: Evaluate): Pick<UiPage, 'textIn' | 'textsIn'> {
  const texts = (host: string, selector: string) =>
    evaluate(
      (arg) => {
        const { host: h, selector: s } = arg as { host: string; selector: string };
        return [...(document.querySelector(h)?.shadowRoot?.querySelectorAll(s) ?? [])].map((el) => el.textContent ?? '');
      },
      { host, selector },
    );
  return {
    textsIn: texts,
    textIn: async (host, selector) => (await texts(host, selector))[0] ?? null,
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
