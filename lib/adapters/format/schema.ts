// The declarative adapter format: how an admin describes a helpdesk page in JSON (selectors, attributes, regexes).
// Built-in adapters use the same schema; every adapter type in lib/adapters is inferred from here.
import { z } from 'zod';
import { parseUrlPattern } from '../../url-patterns/index.ts';

/** Checks selector syntax with the DOM when one exists (options page, content script); elsewhere accepts it. */
function isSelectorSyntaxValid(selector: string): boolean {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return true;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function isRegexValid(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A CSS selector. Syntax is checked by parseAdapterConfig where a DOM is available. */
const Selector = z
  .string()
  .trim()
  .min(1, 'must be a CSS selector, not empty')
  .max(1000)
  .refine(isSelectorSyntaxValid, { error: (issue) => `${JSON.stringify(issue.input)} is not a valid CSS selector` });

/** A JavaScript regular expression source (without slashes); checked by parseAdapterConfig. */
const Pattern = z
  .string()
  .min(1, 'must be a regular expression, not empty')
  .max(1000)
  .refine(isRegexValid, { error: (issue) => `${JSON.stringify(issue.input)} is not a valid regular expression` });

const UrlPattern = z
  .string()
  .max(500)
  .superRefine((pattern, ctx) => {
    const compiled = parseUrlPattern(pattern);
    if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', message: compiled });
  });

/**
 * Where a piece of text comes from. A bare string is a selector whose text is read.
 * Object form: `from` page part (element text by default, or the page URL or title), an optional `selector`
 * (searched inside the current context: the document, a conversation list item or a message), an optional
 * `attribute` to read instead of the text, and an optional `pattern` whose first group (or whole match) is kept.
 */
export const ValueRuleSchema = z.union([
  Selector,
  z.strictObject({
    from: z.enum(['element', 'url', 'title']).optional(),
    selector: Selector.optional(),
    attribute: z.string().trim().min(1).max(100).optional(),
    pattern: Pattern.optional(),
  }),
]);

/** A message time: read like any value, then parsed as `iso`, `epoch-ms`, `epoch-s` or `clock` (e.g. 14:05, 2:05 PM). */
export const TimeRuleSchema = z.strictObject({
  value: ValueRuleSchema,
  format: z.enum(['iso', 'epoch-ms', 'epoch-s', 'clock']).optional(),
});

/** Where Undertone inserts one of its own elements, relative to the element the selector finds. */
export const MountRuleSchema = z.strictObject({
  selector: Selector,
  position: z.enum(['before', 'after', 'prepend', 'append']).optional(),
  /**
   * Height budget of Undertone's element at this place: a share of its column's height ("25%") or pixels ("240px").
   * The whisper thread scrolls inside it. Default "25%".
   */
  maxHeight: z
    .string()
    .regex(/^(\d{1,2}(\.\d+)?%|100%|\d{2,4}px)$/, 'must be a share like "25%" or pixels like "240px"')
    .optional(),
});

/**
 * How the helpdesk sends what is in its reply box: `"enter"` (Enter pressed in the editor) or `{ "click": selector }`
 * (a send button), with how long the editor may take to take inserted text and the helpdesk to show it as sent.
 */
const SEND_SHAPE_ERROR = 'must be "enter" or an object like {"click": "<send button selector>"}';

const SendActionObjectSchema = z
  .strictObject(
    {
      /** The send button (searched in the whole page). While it is disabled the editor has not taken the text yet. */
      click: Selector.optional(),
      /** Press this key in the editor instead of clicking. */
      key: z.literal('enter', { error: 'must be "enter"' }).optional(),
      /** Pause after inserting before sending, for editors that copy input into their state only after a pause. */
      settleMs: z.number({ error: 'must be a number of milliseconds' }).int().min(0).max(10_000).optional(),
      /** Longest wait for the editor to take the text (send button enabled), from insertion. Default 3000. */
      takeWithinMs: z.number({ error: 'must be a number of milliseconds' }).int().min(200).max(30_000).optional(),
      /** Longest wait for the box to empty and the text to show as an agent message. Default 8000. */
      confirmWithinMs: z.number({ error: 'must be a number of milliseconds' }).int().min(500).max(60_000).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? SEND_SHAPE_ERROR : undefined) },
  )
  .refine((rule) => (rule.click === undefined) !== (rule.key === undefined), {
    message: 'give either "click" (the send button\'s selector) or "key": "enter", not both and not neither',
  });

/** `"enter"` is short for `{ "key": "enter" }`. */
export const SendActionSchema = z.preprocess((raw) => (raw === 'enter' ? { key: 'enter' } : raw), SendActionObjectSchema);

/** Which author a message has: the first selector the message element matches (or contains) wins. */
export const AuthorRuleSchema = z
  .strictObject({
    system: Selector.optional(),
    agent: Selector.optional(),
    customer: Selector.optional(),
    otherwise: z.enum(['customer', 'agent', 'system']).optional(),
  })
  .refine((rule) => rule.system || rule.agent || rule.customer, {
    message: 'give at least one of "agent", "customer" or "system" as a selector',
  });

/** Where the adapter came from and when its selectors were last checked against the real page. */
export const ProvenanceSchema = z.strictObject({
  against: z.string().min(1).max(2000),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-21'),
  notes: z.string().max(2000).optional(),
});

export const AdapterConfigSchema = z.strictObject({
  format: z.literal('undertone-adapter/1', { error: 'must be "undertone-adapter/1"' }),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or dashes, e.g. "acme-desk"'),
  name: z.string().trim().min(1).max(100),
  checked: ProvenanceSchema.optional(),
  match: z.strictObject({
    /** Match patterns like `https://*.example.com/agent/*` (the port is ignored when the pattern has none). */
    urls: z.array(UrlPattern).min(1, 'list at least one URL pattern'),
    /** Regex on the page URL: only such pages are chat views. Omit when every matching page is one. */
    chatUrl: Pattern.optional(),
  }),
  page: z.strictObject({
    /** An element present only on the agent's chat view. */
    chatView: Selector,
    /** An element shown while the agent has no conversation open (an empty inbox): recognised, nothing active. */
    noConversation: Selector.optional(),
  }),
  agentName: ValueRuleSchema.optional(),
  conversations: z
    .strictObject({
      container: Selector,
      item: Selector,
      key: ValueRuleSchema,
      customer: ValueRuleSchema,
      /** The list item of the conversation open on screen matches (or contains) this. */
      active: Selector.optional(),
    })
    .optional(),
  activeConversation: z.strictObject({
    key: ValueRuleSchema,
    customer: ValueRuleSchema,
  }),
  transcript: z.strictObject({
    container: Selector,
    message: Selector,
    /** The page's own message id; without it ids are derived from author, time and text. */
    id: ValueRuleSchema.optional(),
    author: AuthorRuleSchema,
    /** The message text; default (and for messages without this part): the whole message element's text. */
    text: ValueRuleSchema.optional(),
    time: TimeRuleSchema.optional(),
    /** Parts of a message element whose text is not message text (timestamps, buttons, avatars). */
    ignore: z.array(Selector).max(20).optional(),
    /** A message element matching this is a deleted message (reported as removed). */
    deleted: Selector.optional(),
    /** True when the page only renders the messages near the scroll position. */
    virtualised: z.boolean().optional(),
  }),
  replyBox: z.strictObject({
    selector: Selector,
    /** Optional: how to send the box's text (for "send to customer"); without it Undertone never sends. */
    send: SendActionSchema.optional(),
  }),
  mounts: z.strictObject({
    whisperThread: MountRuleSchema,
    supervisorPanel: MountRuleSchema.optional(),
  }),
});

/** A validated adapter. Optional fields stay absent; the engine applies the documented defaults. */
export type AdapterConfig = z.output<typeof AdapterConfigSchema>;
export type ValueRule = z.output<typeof ValueRuleSchema>;
export type TimeRule = z.output<typeof TimeRuleSchema>;
export type MountRule = z.output<typeof MountRuleSchema>;
export type AuthorRule = z.output<typeof AuthorRuleSchema>;
export type SendAction = z.output<typeof SendActionSchema>;
