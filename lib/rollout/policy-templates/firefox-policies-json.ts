// Firefox policies.json (the distribution folder on every OS): force-install from the relay and the managed config.
import { firefoxXpiUrl, type Deployment } from './deployment.ts';

export function firefoxPoliciesJson(d: Deployment): string {
  const policies = {
    policies: {
      ExtensionSettings: { [d.geckoId]: { installation_mode: 'force_installed', install_url: firefoxXpiUrl(d) } },
      '3rdparty': { Extensions: { [d.geckoId]: d.config } },
    },
  };
  return JSON.stringify(policies, null, 2) + '\n';
}
