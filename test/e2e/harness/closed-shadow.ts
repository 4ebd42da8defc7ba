// Reaching Undertone's closed shadow roots from the test driver, which page scripts cannot do: in Chromium through
// CDP (DOM.describeNode lists closed roots, DOM.resolveNode hands one to Runtime.callFunctionOn), in Firefox through
// WebDriver BiDi (a node serialised with includeShadowTree "all" names its closed root, passed back as an argument).
import type { CDPSession, Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/** A function run in the page with the host's shadow root (null when no element matches the host selector). */
export type InShadow = <T>(host: string, fn: (root: ShadowRoot | null, arg: unknown) => T | Promise<T>, arg?: unknown) => Promise<T>;

/** The page function, wrapped so that its argument and result travel as JSON text. */
const wrapped = (fn: (root: ShadowRoot | null, arg: unknown) => unknown) =>
  `function (root, argJson) { return Promise.resolve((${fn.toString()})(root, JSON.parse(argJson))).then((v) => JSON.stringify(v === undefined ? null : v)); }`;

const sessions = new WeakMap<PlaywrightPage, Promise<CDPSession>>();

export function chromiumInShadow(page: PlaywrightPage): InShadow {
  return async <T>(host: string, fn: (root: ShadowRoot | null, arg: unknown) => T | Promise<T>, arg?: unknown): Promise<T> => {
    let session = sessions.get(page);
    if (!session) sessions.set(page, (session = page.context().newCDPSession(page)));
    const cdp = await session;
    const objectGroup = 'undertone-closed-shadow';
    try {
      const found = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(host)})`, objectGroup });
      let rootId: string | undefined;
      if (found.result.objectId) {
        const { node } = await cdp.send('DOM.describeNode', { objectId: found.result.objectId, depth: 1, pierce: true });
        const shadow = node.shadowRoots?.[0];
        if (shadow) rootId = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, objectGroup })).object.objectId;
      }
      const windowId = (await cdp.send('Runtime.evaluate', { expression: 'globalThis', objectGroup })).result.objectId!;
      const called = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: `function (root, argJson) { return (${wrapped(fn)})(root, argJson); }`,
        objectId: windowId,
        arguments: [rootId ? { objectId: rootId } : { value: null }, { value: JSON.stringify(arg ?? null) }],
        awaitPromise: true,
        returnByValue: true,
        objectGroup,
      });
      if (called.exceptionDetails) throw new Error(`in the shadow root of ${host}: ${called.exceptionDetails.exception?.description ?? called.exceptionDetails.text}`);
      return JSON.parse(called.result.value as string) as T;
    } finally {
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => {});
    }
  };
}

type BidiResult = { type: 'success'; result: { type: string; value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
type BidiRealm = { callFunction(declaration: string, awaitPromise: boolean, options: Record<string, unknown>): Promise<BidiResult> };

export function firefoxInShadow(page: PuppeteerPage): InShadow {
  // Puppeteer exposes no raw BiDi call; its frame's window realm is the documented protocol object underneath.
  const realm = () => (page.mainFrame() as unknown as { mainRealm(): { realm: BidiRealm } }).mainRealm().realm;
  return async <T>(host: string, fn: (root: ShadowRoot | null, arg: unknown) => T | Promise<T>, arg?: unknown): Promise<T> => {
    const found = await realm().callFunction('(h) => document.querySelector(h)', true, {
      arguments: [{ type: 'string', value: host }],
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
      resultOwnership: 'none',
    });
    if (found.type === 'exception') throw new Error(`finding ${host}: ${found.exceptionDetails.text}`);
    const shadowRoot = (found.result.value as { shadowRoot?: { sharedId?: string } } | undefined)?.shadowRoot;
    const called = await realm().callFunction(wrapped(fn), true, {
      arguments: [shadowRoot?.sharedId ? { sharedId: shadowRoot.sharedId } : { type: 'null' }, { type: 'string', value: JSON.stringify(arg ?? null) }],
      resultOwnership: 'none',
    });
    if (called.type === 'exception') throw new Error(`in the shadow root of ${host}: ${called.exceptionDetails.text}`);
    return JSON.parse(called.result.value as string) as T;
  };
}
