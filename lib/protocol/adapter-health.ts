// Adapter health: which helpdesk sites a user's extension cannot read (missing required parts, unusable custom
// adapters) and the supervisors' summary of it. Strict, bounded shapes with no room for page content.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './entities.ts';

const ref = z.string().min(1).max(64).optional();

/** The required parts of a helpdesk page an adapter may fail to find, or its run failing as a whole. */
export const HEALTH_PARTS = ['chat_view', 'transcript', 'conversation_key', 'adapter_run'] as const;
export const HealthPartSchema = z.enum(HEALTH_PARTS);

/** A site as the extension's settings name it: a match pattern such as `https://acme.example.com/*`. */
export const HealthSiteSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(\*|https?|wss?|file|ftp):\/\/[!-~]*$/, 'must be a match pattern such as https://desk.example.com/*');

/** An adapter's id as the adapter format allows it. */
export const AdapterIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be an adapter id (lowercase letters, digits, dashes)');

export const HealthAdapterSchema = z.strictObject({
  id: AdapterIdSchema,
  /** The adapter's own name, from its configuration (at most 100 characters like the adapter format). */
  name: z.string().trim().min(1).max(100),
  /** `checked.on` date and a short hash of the configuration, e.g. `2026-11-29.1a2b3c4d`. */
  version: z.string().regex(/^[A-Za-z0-9._+-]{1,40}$/, 'must be 1-40 letters, digits, dots, dashes or pluses'),
});

/** One required part not found, and since when (ms). */
export const MissingPartSchema = z.strictObject({ part: HealthPartSchema, since: TimestampSchema });

/**
 * One unhealthy site. `adapterErrors` are the validation errors of the site's custom adapter (from policy or the
 * options page), each naming a place in the adapter's JSON; null `adapter` when that adapter could not be used.
 */
export const SiteHealthSchema = z
  .strictObject({
    site: HealthSiteSchema,
    adapter: HealthAdapterSchema.nullable(),
    missing: z
      .array(MissingPartSchema)
      .max(HEALTH_PARTS.length)
      .refine((list) => new Set(list.map((m) => m.part)).size === list.length, 'each part at most once'),
    adapterErrors: z
      .array(z.string().min(1).max(300).regex(/^[^\n\r]*$/, 'must be one line'))
      .max(20),
  })
  .refine((site) => site.missing.length > 0 || site.adapterErrors.length > 0, 'a healthy site is left out, not reported');

/**
 * Client: the complete list of this user's unhealthy sites (empty when all are fine). Sent on change and after each
 * (re)connect; each one replaces the previous list. Any role may send it.
 */
export const AdapterHealthFrameSchema = z.strictObject({
  type: z.literal('adapter_health'),
  ref,
  sites: z
    .array(SiteHealthSchema)
    .max(50)
    .refine((list) => new Set(list.map((s) => s.site)).size === list.length, 'each site at most once'),
});

/** Relay: an agent of the board's teams whose helpdesk page is not recognised, with the parts missing. */
export const PageHealthAgentSchema = z.object({
  agentId: IdSchema,
  agentName: z.string().max(200),
  /** The earliest `since` of its missing parts. */
  since: TimestampSchema,
  adapters: z.array(z.object({ id: AdapterIdSchema, name: z.string().max(100), parts: z.array(HealthPartSchema) })),
});

/** Relay: every agent of the followed teams whose page is not recognised; after `board_snapshot` and on change. */
export const PageHealthFrameSchema = z.object({
  type: z.literal('page_health'),
  agents: z.array(PageHealthAgentSchema),
});

export type HealthPart = z.infer<typeof HealthPartSchema>;
export type HealthAdapter = z.infer<typeof HealthAdapterSchema>;
export type MissingPart = z.infer<typeof MissingPartSchema>;
export type SiteHealth = z.infer<typeof SiteHealthSchema>;
export type AdapterHealthFrame = z.infer<typeof AdapterHealthFrameSchema>;
export type PageHealthAgent = z.infer<typeof PageHealthAgentSchema>;
export type PageHealthFrame = z.infer<typeof PageHealthFrameSchema>;
