// Keeps the agent's docked thread out of the chat's way: its height within the adapter's budget (a share of the chat
// column, 25% by default) so it scrolls inside itself, its width within what is on screen even when the page's own
// content overflows, and the helpdesk's transcript at its newest message when the thread grows or shrinks.

/** "25%" of the column's height, or "240px". Anything else falls back to the default. */
export function budgetPixels(budget: string | undefined, columnHeight: number): number {
  const match = /^(\d{1,3}(?:\.\d+)?)(%|px)$/.exec(budget ?? '') ?? ['', '25', '%'];
  const value = Number(match[1]);
  const px = match[2] === '%' ? (columnHeight * Math.min(value, 100)) / 100 : value;
  // Never less than the collapsed line, so the thread can always be reached.
  return Math.max(40, Math.floor(px));
}

export type ThreadFitPage = {
  /** The adapter's height budget for the thread's mount. */
  budget(): string | undefined;
  /** The helpdesk's transcript element, if the adapter finds it now. */
  transcript(): Element | null;
};

/** The element that scrolls the transcript: the transcript itself or its nearest scrolling ancestor. */
function scrollerOf(element: Element | null): HTMLElement | null {
  for (let node = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) return node as HTMLElement;
  }
  return null;
}

export function fitThread(host: HTMLElement, page: ThreadFitPage): { update(): void; stop(): void } {
  let column: Element | null = null;
  let lastHeight = host.getBoundingClientRect().height;
  /** The transcript's distance from its bottom as last seen, before the thread changed size. */
  let fromBottom = 0;
  let scroller: HTMLElement | null = null;

  const measure = () => {
    scroller = scrollerOf(page.transcript());
    if (scroller) fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
  };
  const sizeToColumn = () => {
    const parent = host.parentElement;
    if (parent !== column) {
      if (column) columnObserver.unobserve(column);
      column = parent;
      if (column) columnObserver.observe(column);
    }
    const height = Math.min(column?.clientHeight ?? innerHeight, innerHeight);
    host.style.setProperty('--ut-thread-max', `${budgetPixels(page.budget(), height)}px`);
    // The part of the page on screen, however wide the page's own content makes the column.
    const left = Math.max(0, host.getBoundingClientRect().left);
    host.style.maxWidth = `${Math.max(240, document.documentElement.clientWidth - left - 8)}px`;
  };
  const hostObserver = new ResizeObserver(() => {
    const height = host.getBoundingClientRect().height;
    const delta = height - lastHeight;
    lastHeight = height;
    if (!delta || !scroller?.isConnected) return measure();
    // The transcript lost (or gained) `delta` pixels of height: keep what was at its bottom at its bottom.
    if (fromBottom <= 4) scroller.scrollTop = scroller.scrollHeight;
    else scroller.scrollTop += delta;
    measure();
  });
  const columnObserver = new ResizeObserver(() => sizeToColumn());
  const onScroll = (event: Event) => {
    if (event.target === scroller || (event.target instanceof Element && event.target.contains(page.transcript()))) measure();
  };
  hostObserver.observe(host);
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  addEventListener('resize', sizeToColumn);
  return {
    /** The thread was (re)placed or the conversation changed: size it and note where the transcript is. */
    update() {
      sizeToColumn();
      measure();
    },
    stop() {
      hostObserver.disconnect();
      columnObserver.disconnect();
      document.removeEventListener('scroll', onScroll, { capture: true });
      removeEventListener('resize', sizeToColumn);
    },
  };
}
