// Content script for helpdesk tabs, registered at runtime for the sites the user or the admin allowed.
export default defineContentScript({
  registration: 'runtime',
  main() {},
});
