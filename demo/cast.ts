// The demo helpdesk's people: agents who sign in, and simulated customers with what they say (calm or angry).

export interface DemoAgent {
  id: string;
  name: string;
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  { id: 'alice', name: 'Alice Martin' },
  { id: 'bruno', name: 'Bruno Costa' },
  { id: 'chen', name: 'Chen Wei' },
];

export const CUSTOMER_NAMES: readonly string[] = [
  'Jordan Lee', 'Priya Natarajan', 'Sam Okafor', 'Maria Gonzalez', 'Tom Becker', 'Aiko Tanaka',
  'Lucas Moreau', 'Fatima Haddad', 'Noah Williams', 'Elena Petrova', 'Diego Ramos', 'Grace Kim',
];

export const TOPICS: readonly string[] = ['order', 'refund', 'invoice', 'login', 'delivery', 'subscription'];

/** Opening lines by topic ({n} becomes an order or ticket number). */
export const OPENERS: Readonly<Record<string, readonly string[]>> = {
  order: ['Hi, my order #{n} has not arrived yet.', 'Hello, where is my order #{n}?'],
  refund: ['I returned an item two weeks ago and still have no refund.', 'Hi, I would like a refund for order #{n}.'],
  invoice: ['Can I get an invoice with my company name for order #{n}?', 'My invoice shows the wrong address.'],
  login: ['I cannot log in to my account, the reset email never comes.', 'Hi! The app keeps logging me out.'],
  delivery: ['The courier left my parcel at the wrong address.', 'Can I change the delivery date for #{n}?'],
  subscription: ['How do I pause my subscription?', 'I was charged twice for my subscription this month.'],
};

export const CALM_LINES: readonly string[] = [
  'Thanks for looking into it.',
  'No rush, I can wait a moment.',
  'Could you tell me when it will be sorted?',
  'I have the tracking number if that helps.',
  'Ok, that makes sense.',
  'Is there anything else you need from me?',
  'Great, thank you!',
];

export const ANGRY_LINES: readonly string[] = [
  'This is the third time I am contacting you about this.',
  'Honestly this is ridiculous, I have been waiting for days.',
  'Why does nobody answer? I want a manager.',
  'I am really unhappy with this service.',
  'If this is not fixed today I am cancelling everything.',
  'Hello?? Anyone there?',
  'Unacceptable. I paid for express shipping.',
];

export const GOODBYES: readonly string[] = ['Thanks, bye!', 'Ok, I will wait then. Bye.', 'Fine. Goodbye.'];
