// The organisation's signature under a message to a customer, from its template and the sender's name and team.
import { expect, it } from 'vitest';
import { fillSignature, withSignature } from '../../../../lib/extension/customer-send/send-signature.ts';

it('fills the name and team, and leaves out a team nobody knows with the punctuation before it', () => {
  expect(fillSignature('— {name}, {team}', { name: 'John Park', team: 'Accounts' })).toBe('— John Park, Accounts');
  expect(fillSignature('— {name}, {team}', { name: 'John Park' })).toBe('— John Park');
  expect(fillSignature('{name} ({team})', { name: 'John', team: 'Sales' })).toBe('John (Sales)');
  expect(fillSignature('Northwind support', { name: 'John' })).toBe('Northwind support');
});

it('puts the signature on its own line under the text, and nothing without a template', () => {
  expect(withSignature('It shipped.  ', '— {name}', { name: 'John' })).toBe('It shipped.\n— John');
  expect(withSignature('It shipped.', '', { name: 'John' })).toBe('It shipped.');
});
