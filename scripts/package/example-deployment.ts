// The made-up deployment behind the committed example templates in policy-templates/example.
export const EXAMPLE_TEMPLATES_DIR = 'policy-templates/example';

export const EXAMPLE_DEPLOYMENT = {
  /** Not a real key's id: replace it with the id `npm run package` prints for your key. */
  chromeId: 'abcdefghijklmnopabcdefghijklmnop',
  geckoId: 'undertone@undertone.app',
  updateBase: 'https://relay.example.com',
};
