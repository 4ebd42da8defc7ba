// What the studio window and the picker in the helpdesk tab say to each other over one port: the window's commands
// (validated by the picker, which runs beside page content) and the picker's state (what was picked, the draft).
import { z } from 'zod';
import type { AdapterConfig } from '../../adapters/format/schema.ts';
import type { EngineStatus, PageConversation, PageMessage } from '../../adapters/engine/contract.ts';
import { STUDIO_PARTS, type DraftFinding, type MountPosition, type StudioPart } from '../../adapters/studio/index.ts';

export const STUDIO_PORT = 'undertone-studio';
/** The global the popup sets in the tab before injecting the picker: the session's secret, shared with the window. */
export const STUDIO_SECRET_GLOBAL = '__undertoneStudioSecret';

const Part = z.enum(STUDIO_PARTS);

export const StudioCommandSchema = z.discriminatedUnion('type', [
  /** The first message on the port: proves the window was opened by the popup that started this picker. */
  z.strictObject({ type: z.literal('hello'), secret: z.string().min(16).max(100) }),
  /** Wait for the admin's click on this part (highlighting what the pointer is over). */
  z.strictObject({ type: z.literal('pick'), part: Part }),
  z.strictObject({ type: z.literal('skip'), part: Part }),
  z.strictObject({ type: z.literal('clear'), part: Part }),
  /** The picked element's parent (or back towards the clicked element). */
  z.strictObject({ type: z.literal('wider'), part: Part }),
  z.strictObject({ type: z.literal('narrower'), part: Part }),
  z.strictObject({ type: z.literal('stop_picking') }),
  z.strictObject({
    type: z.literal('options'),
    name: z.string().trim().min(1).max(100),
    whisperPosition: z.enum(['before', 'after', 'prepend', 'append']),
  }),
  /** Run the adapter engine on the page with this (already validated) adapter and report what it reads. */
  z.strictObject({ type: z.literal('check'), adapter: z.record(z.string(), z.unknown()) }),
  /** Remove the picker and its highlights from the page. */
  z.strictObject({ type: z.literal('close') }),
]);
export type StudioCommand = z.output<typeof StudioCommandSchema>;

/** What the adapter engine read from the page with the draft adapter. Shown in the studio window only. */
export interface StudioCheck {
  status: EngineStatus;
  key: string | null;
  customer: string | null;
  agentName: string | null;
  conversations: PageConversation[];
  messages: PageMessage[];
  counts: Record<PageMessage['author'], number>;
  missing: string[];
  warnings: string[];
  replyBox: boolean;
  whisperThread: boolean;
}

export interface StudioState {
  type: 'state';
  url: string;
  title: string;
  /** The part waiting for a click, if any. */
  picking: StudioPart | null;
  picked: StudioPart[];
  skipped: StudioPart[];
  name: string;
  whisperPosition: MountPosition;
  adapter: AdapterConfig | null;
  findings: DraftFinding[];
  key: { value: string; source: string } | null;
  problems: string[];
  warnings: string[];
}

export type StudioEvent = StudioState | { type: 'check'; result: StudioCheck } | { type: 'error'; message: string };
