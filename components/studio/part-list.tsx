// The studio's steps: each part of the helpdesk page, whether it was clicked, the selector proposed for it and how
// many elements that finds, with buttons to click it (again), widen or narrow it, or skip an optional part.
import { partWords, REQUIRED_PARTS, STUDIO_PARTS, type DraftFinding, type StudioPart } from '../../lib/adapters/studio/index.ts';
import type { StudioCommand, StudioState } from '../../lib/extension/studio/index.ts';

const HINTS: Partial<Record<StudioPart, string>> = {
  chatView: 'Click an empty spot of the open chat, then "Wider" until the box holds the whole chat.',
  customerMessage: 'Click the words of a message the customer wrote.',
  agentMessage: 'Click the words of a message an agent wrote.',
  systemMessage: 'Optional: a line like "Chat assigned to…".',
  replyBox: 'Click where the agent types the reply.',
  conversationList: 'Optional: the list of open chats.',
  conversationItem: 'The open chat in that list.',
  customerName: "The customer's name shown with the open chat.",
  agentName: 'Optional: your own name, as the helpdesk shows it.',
  whisperThread: 'The coaching thread appears next to what you click (choose before or after below).',
};

/** Words for the findings derived from clicks: transcript, all messages, key, time, id. */
function derived(findings: readonly DraftFinding[], part: StudioPart): DraftFinding[] {
  const extra: Partial<Record<StudioPart, DraftFinding['part'][]>> = { agentMessage: ['transcript', 'messages', 'messageTime', 'messageId'], chatView: ['conversationKey'] };
  return findings.filter((finding) => finding.part === part || extra[part]?.includes(finding.part));
}

const FINDING_WORDS: Record<string, string> = {
  transcript: 'Transcript',
  messages: 'Messages',
  messageTime: 'Time',
  messageId: 'Message id',
  conversationKey: 'Conversation id',
  conversationItem: 'Conversations',
};

function FindingLine({ finding }: { finding: DraftFinding }) {
  const label = FINDING_WORDS[finding.part] ?? 'Selector';
  const many = finding.part === 'messages' || finding.part === 'conversationItem' || finding.part === 'messageTime' || finding.part === 'messageId';
  return (
    <div class="finding" data-finding={finding.part}>
      {label}: <code>{finding.selector}</code>
      {many && <span class="count"> · {finding.count} found</span>}
      {!finding.robust && <span class="fragile"> · may break with the next release</span>}
    </div>
  );
}

export function PartList({ state, send }: { state: StudioState; send: (command: StudioCommand) => void }) {
  return (
    <ol class="parts">
      {STUDIO_PARTS.map((part) => {
        const picked = state.picked.includes(part);
        const skipped = state.skipped.includes(part);
        const optional = !REQUIRED_PARTS.includes(part);
        const active = state.picking === part;
        return (
          <li key={part} data-part={part} class={`${active ? 'active' : ''} ${picked ? 'picked' : ''}`}>
            <div class="part-title">
              <strong>{partWords(part)[0]!.toUpperCase() + partWords(part).slice(1)}</strong>
              {optional && <span class="optional"> (optional)</span>}
              <span class="part-state">{active ? ' · click it on the page now' : picked ? ' · picked' : skipped ? ' · skipped' : ''}</span>
            </div>
            {active && <div class="hint">{HINTS[part]}</div>}
            {derived(state.findings, part).map((finding) => (
              <FindingLine key={finding.part} finding={finding} />
            ))}
            <div class="part-actions">
              <button type="button" class="pick" onClick={() => send({ type: 'pick', part })}>
                {picked ? 'Click again' : 'Click it on the page'}
              </button>
              {picked && (
                <>
                  <button type="button" class="wider" onClick={() => send({ type: 'wider', part })}>
                    Wider
                  </button>
                  <button type="button" class="narrower" onClick={() => send({ type: 'narrower', part })}>
                    Narrower
                  </button>
                </>
              )}
              {optional && !skipped && (
                <button type="button" class="skip" onClick={() => send({ type: 'skip', part })}>
                  Skip
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
