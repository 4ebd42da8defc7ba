// Extension build: WXT with Preact, the webextension polyfill, Chrome MV3 and Firefox.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Undertone',
    description: 'Live coaching inside your helpdesk: listen-in, whispers and help requests.',
  },
});
