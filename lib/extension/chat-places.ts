// Where the agent last had each chat on screen: the customer's name and the page's address, as its helpdesk tab
// reported them, so the popup can name a chat by its customer and open it again after its tab was closed.
// Kept in session storage (a restarted service worker still knows; nothing outlives the browser session).
const KEY = 'chatPlaces';
const MAX_PLACES = 200;

export type ChatPlace = { customer: string; url: string; seenAt: number };
type Places = Record<string, ChatPlace>;

const area = () => browser.storage.session ?? browser.storage.local;

async function read(): Promise<Places> {
  return ((await area().get(KEY))[KEY] as Places | undefined) ?? {};
}

/** What was written last, to skip writes when a busy page reports the same chat again. */
let lastWritten = '';
let pending: Promise<unknown> = Promise.resolve();

/** Records the chat on screen in a tab; the oldest places go beyond MAX_PLACES. */
export function noteChatPlace(conversationKey: string, place: ChatPlace): Promise<void> {
  const signature = `${conversationKey}\n${place.customer}\n${place.url}`;
  if (signature === lastWritten) return pending.then(() => undefined);
  lastWritten = signature;
  const next = pending.then(async () => {
    const places = await read();
    places[conversationKey] = place;
    const keys = Object.keys(places);
    if (keys.length > MAX_PLACES) {
      for (const key of keys.sort((a, b) => places[a]!.seenAt - places[b]!.seenAt).slice(0, keys.length - MAX_PLACES)) delete places[key];
    }
    await area().set({ [KEY]: places });
  });
  pending = next.catch(() => {});
  return next;
}

export async function chatPlaces(): Promise<Places> {
  await pending;
  return read();
}

