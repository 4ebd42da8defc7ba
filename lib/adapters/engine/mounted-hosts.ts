// Undertone's own hosts in the helpdesk page (the whisper thread, the supervisor panel): kept at the adapter's
// places across re-renders, with a report each time one is placed or loses its place.
import type { AdapterConfig } from '../format/schema.ts';
import type { MountKind } from './contract.ts';
import { isPlaced, placeHost } from './mounts.ts';
import type { PageParts } from './read-page.ts';

export class MountedHosts {
  private readonly hosts = new Map<MountKind, HTMLElement>();
  private readonly placed: Record<MountKind, boolean> = { whisperThread: false, supervisorPanel: false };

  constructor(private readonly onChange: (kind: MountKind, placed: boolean) => void) {}

  kinds(): Iterable<MountKind> {
    return this.hosts.keys();
  }

  /** Is `node` one of the hosts or inside one (its own changes are not the page's)? */
  owns(node: Node): boolean {
    for (const host of this.hosts.values()) if (host === node || host.contains(node)) return true;
    return false;
  }

  /** A host was taken off the page or has not been placed yet. */
  needsPlacing(): boolean {
    for (const [kind, host] of this.hosts) if (this.placed[kind] !== host.isConnected || !host.isConnected) return true;
    return false;
  }

  isPlaced(kind: MountKind): boolean {
    return this.placed[kind];
  }

  set(kind: MountKind, host: HTMLElement): void {
    const previous = this.hosts.get(kind);
    if (previous && previous !== host) previous.remove();
    this.hosts.set(kind, host);
    this.placed[kind] = false;
  }

  remove(kind: MountKind): void {
    this.hosts.get(kind)?.remove();
    this.hosts.delete(kind);
    this.placed[kind] = false;
  }

  removeAll(): void {
    for (const host of this.hosts.values()) host.remove();
    this.hosts.clear();
  }

  /** Puts each host at its place on the page now (or takes it off when its place is gone). */
  place(parts: PageParts, config: AdapterConfig): void {
    for (const [kind, host] of this.hosts) {
      const rule = config.mounts[kind];
      const target = parts.mountTargets[kind];
      if (!rule || !target) {
        if (host.isConnected) host.remove();
        this.setPlaced(kind, false);
        continue;
      }
      if (!isPlaced(host, target, rule)) placeHost(host, target, rule);
      this.setPlaced(kind, host.isConnected);
    }
  }

  private setPlaced(kind: MountKind, value: boolean): void {
    if (this.placed[kind] === value) return;
    this.placed[kind] = value;
    this.onChange(kind, value);
  }
}
