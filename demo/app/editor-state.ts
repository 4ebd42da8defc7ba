// The reply editor's own state, as rich editors of real helpdesks keep it: the text it sends is its model, not the
// page's DOM. Input events reach the model only after a pause (SYNC_DELAY_MS), and DOM changes that came without an
// input event are undone at the next sync, so a tool that only writes into the DOM finds its text gone.

export const SYNC_DELAY_MS = 500;

export class EditorState {
  private model = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inputSeen = false;
  private readonly observer: MutationObserver;
  private rendering = false;

  constructor(
    private readonly element: HTMLElement,
    /** Called whenever the model changed. */
    private readonly onChange: (text: string) => void,
  ) {
    this.observer = new MutationObserver(() => {
      if (!this.rendering) this.schedule();
    });
    this.observer.observe(element, { childList: true, characterData: true, subtree: true });
    element.addEventListener('input', this.onInput);
  }

  /** The text the editor would send now. */
  get text(): string {
    return this.model;
  }

  /** Empties the model and the DOM (after a send). */
  clear(): void {
    clearTimeout(this.timer);
    this.inputSeen = false;
    this.setModel('');
    this.render();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.observer.disconnect();
    this.element.removeEventListener('input', this.onInput);
  }

  private readonly onInput = (): void => {
    this.inputSeen = true;
    this.schedule();
  };

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sync(), SYNC_DELAY_MS);
  }

  /** Takes what input events brought into the model; DOM changes without one are replaced by the model. */
  private sync(): void {
    if (this.inputSeen) {
      this.inputSeen = false;
      this.setModel(this.element.innerText.replace(/\u00a0/g, ' ').replace(/\n+$/, ''));
    } else if (this.element.innerText.replace(/\n+$/, '') !== this.model) {
      this.render();
    }
  }

  private setModel(text: string): void {
    if (text === this.model) return;
    this.model = text;
    this.onChange(text);
  }

  private render(): void {
    this.rendering = true;
    const nodes: Node[] = [];
    this.model.split('\n').forEach((line, index) => {
      if (index > 0) nodes.push(document.createElement('br'));
      if (line) nodes.push(document.createTextNode(line));
    });
    this.element.replaceChildren(...nodes);
    // The observer reports our own change after this task; ignore it.
    queueMicrotask(() => {
      this.observer.takeRecords();
      this.rendering = false;
    });
  }
}
