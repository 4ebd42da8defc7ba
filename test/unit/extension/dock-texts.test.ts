// The docked thread's own texts survive names with control characters: Chromium's getMessage ends a text at a NUL.
import { describe, expect, it } from 'vitest';
import { translateEnglish, type Translate } from '../../../lib/coaching/index.ts';
import { dockTexts } from '../../../lib/extension/page/dock-texts.ts';

/** Chromium's getMessage as seen: the text ends at the first NUL. */
const chromiumLike: Translate = (key, substitutions) => translateEnglish(key, substitutions).split('\u0000')[0] ?? '';

describe('the docked thread texts', () => {
  it('keeps a chat id with a NUL (shown as U+FFFD) instead of an empty mark', () => {
    expect(chromiumLike('chatIdMark', 'c-10\u000042')).toBe('#c-10');
    expect(dockTexts(chromiumLike).chatIdMark('c-10\u000042')).toBe('#c-10\uFFFD42');
  });

  it('says who the helpdesk and Undertone are signed in as, whatever the names contain', () => {
    const texts = dockTexts(chromiumLike);
    expect(texts.otherHelpdeskUser({ helpdeskName: 'Sam Lee', undertoneName: 'Maria Garcia' })).toBe(
      'This helpdesk is signed in as Sam Lee; Undertone as Maria Garcia: coaching is paused on this page',
    );
    expect(texts.otherHelpdeskUser({ helpdeskName: 'Sam\u0000Lee', undertoneName: 'Maria' })).toBe(
      'This helpdesk is signed in as Sam\uFFFDLee; Undertone as Maria: coaching is paused on this page',
    );
    expect(texts.reconnecting()).toBe('Reconnecting — your messages will be sent');
  });
});
