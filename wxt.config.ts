// Extension build: WXT with Preact and the webextension polyfill; Chrome MV3 and Firefox MV2 (docs/extension.md says why).
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Public half of a development signing key. It only pins the unpacked Chromium extension id
 * (pgopfmhdjmndnfnnpndadlibeccoghhp) so managed-policy files and tests can name it; the private key
 * was discarded and is never committed. A store or self-hosted CRX build brings the admin's own key.
 */
const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnJgWJ3pBAM1+AJ7a8ouiekuxH4Ad8vg27DHctXmFqg6eD1Kca49JkAOLg+zfLV349F2geAdLxtApfS7SY4NFhAgH85dqsFD54dubw4XlkAU8UQnC3oB6shPn1I/buw3i9WMibOqsRXXfCXmJbMpIPpjVP0pIAVKliTu8FeZ7IpQDPj9c8uzjN5NHNU3d1KAvFmq81uigwA5c5ngp7RTmWLR8wYYqIks9xbNIzd6TOGXeQmxUtm8FfyXLl5elGnLMfsrm6V8Prf9GP7JeUY0xA6ENyqerMzasb6TSuLGwFE7K27diteOj//p+5RA/E2tLW1LcjMmvUfgp0IE9OExESQIDAQAB';

export const GECKO_ID = 'undertone@undertone.app';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // Firefox stays on MV2: a persistent background page keeps the one relay socket (see docs/extension.md).
  manifest: ({ browser, manifestVersion }) => {
    const anySite = ['http://*/*', 'https://*/*'];
    const common = {
      name: 'Undertone',
      description: 'Live coaching inside your helpdesk: listen-in, whispers and help requests.',
      default_locale: 'en',
      permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'notifications', 'identity'],
      storage: { managed_schema: 'managed_schema.json' },
      options_ui: { open_in_tab: true },
      action: { default_title: 'Undertone' },
      commands: {
        'open-console': { suggested_key: { default: 'Alt+Shift+U' }, description: 'Open the Undertone supervisor console' },
      },
    };
    const mv = manifestVersion === 3 ? { optional_host_permissions: anySite } : { optional_permissions: anySite };
    if (browser === 'firefox') {
      return {
        ...common,
        ...mv,
        browser_specific_settings: {
          gecko: { id: GECKO_ID, strict_min_version: '115.0', data_collection_permissions: { required: ['none'] } },
        },
      };
    }
    return { ...common, ...mv, key: DEV_PUBLIC_KEY };
  },
});
