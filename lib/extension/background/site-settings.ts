// The settings the background works with (user settings under the admin's policy), the redaction rules compiled
// from them, and the helpdesk sites the content script is registered on now.
import { compileRedactionPatterns, type RedactionRules } from '../../privacy/redaction.ts';
import { readEffectiveSettings } from '../extension-state.ts';
import { DEFAULT_SETTINGS, type EffectiveSettings } from '../policy.ts';
import { syncContentScript } from '../site-access.ts';

export class SiteSettings {
  effective: EffectiveSettings = { settings: DEFAULT_SETTINGS, locked: [], policySites: [], problems: [] };
  redaction: RedactionRules = { patterns: [] };
  activeSites: string[] = [];

  /** `changed`: called after every sync (adapter health works its report out again). */
  constructor(private readonly changed: () => void = () => {}) {}

  get settings(): EffectiveSettings['settings'] {
    return this.effective.settings;
  }

  private syncing: Promise<void> = Promise.resolve();

  /**
   * Reads settings and policy again and re-registers the content script on the allowed sites. One at a time: two
   * overlapping registrations (a settings change and a permission event at once) would refuse each other's id.
   */
  sync(): Promise<void> {
    const next = this.syncing.then(() => this.syncOnce());
    this.syncing = next.catch(() => {});
    return next;
  }

  private async syncOnce(): Promise<void> {
    this.effective = await readEffectiveSettings();
    this.redaction = compileRedactionPatterns(this.effective.settings.redactionPatterns).rules;
    // A registration the browser refuses leaves the content script registered nowhere: no site is active then.
    this.activeSites = await syncContentScript(this.effective.settings.helpdeskSites).catch((error: unknown) => {
      console.warn('Undertone: the content script could not be registered:', error);
      return [];
    });
    this.changed();
  }
}
