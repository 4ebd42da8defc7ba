// Who sent a runtime message, from what the browser reports about the sender (never from the message itself): this
// extension's own page, a content script in a tab of an allowed helpdesk site, or someone to refuse, with why.
import { parseUrlPattern } from '../../url-patterns/index.ts';
import type { SenderKind } from './request-schemas.ts';

/** The sender fields the check reads (runtime.MessageSender in both browsers). */
export type SenderFacts = { id?: string | undefined; url?: string | undefined; origin?: string | undefined; tab?: { id?: number | undefined } | undefined };

export type SenderContext = {
  /** runtime.id */
  extensionId: string;
  /** runtime.getURL('/'): chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionBase: string;
  /** The helpdesk site patterns the content script runs on now. */
  helpdeskSites: readonly string[];
};

export type SenderVerdict = { ok: true; kind: SenderKind } | { ok: false; why: string };

export function classifySender(sender: SenderFacts, context: SenderContext): SenderVerdict {
  if (sender.id !== context.extensionId) return { ok: false, why: `sent by another extension (${sender.id ?? 'no id'})` };
  const url = sender.url;
  if (!url) return { ok: false, why: 'the sender has no URL' };
  if (url.startsWith(context.extensionBase)) {
    if (sender.origin !== undefined && `${sender.origin}/` !== context.extensionBase) return { ok: false, why: `the sender's origin ${sender.origin} is not the extension's` };
    return { ok: true, kind: 'extension_page' };
  }
  if (sender.tab?.id === undefined) return { ok: false, why: `not from a tab (${url})` };
  const allowed = context.helpdeskSites.some((site) => {
    const pattern = parseUrlPattern(site);
    return typeof pattern !== 'string' && pattern.includes(url);
  });
  if (!allowed) return { ok: false, why: `${url} is not an allowed helpdesk site` };
  if (sender.origin !== undefined && sender.origin !== originOf(url)) return { ok: false, why: `the sender's origin ${sender.origin} does not match ${url}` };
  return { ok: true, kind: 'helpdesk_tab' };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
