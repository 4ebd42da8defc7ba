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

  /** Reads settings and policy again and re-registers the content script on the allowed sites. */
  async sync(): Promise<void> {
    this.effective = await readEffectiveSettings();
    this.redaction = compileRedactionPatterns(this.effective.settings.redactionPatterns).rules;
    this.activeSites = await syncContentScript(this.effective.settings.helpdeskSites).catch(() => this.activeSites);
    this.changed();
  }
}
