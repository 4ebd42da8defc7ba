// Who is signed in to the helpdesk page against who is signed in to Undertone: names compared without case, spacing
// or accents, with the admin's helpdesk names; nothing to compare when the adapter reads no agent name.
import { describe, expect, it } from 'vitest';
import { normaliseName, otherHelpdeskUser } from '../../../lib/extension/helpdesk-user.ts';

const maria = { name: 'María García' };

describe('the helpdesk user check', () => {
  it('folds case, spacing and accents', () => {
    expect(normaliseName('  María\u00A0 GARCÍA ')).toBe('maria garcia');
    expect(normaliseName('Zoë O’Neill')).toBe(normaliseName('zoe o’neill'));
    // Composed and decomposed forms of one accent are one name.
    expect(normaliseName('Jos\u00E9')).toBe(normaliseName('Jose\u0301'));
  });

  it('finds the same person under another spelling of the name', () => {
    for (const shown of ['Maria Garcia', 'maria   garcía', ' MARÍA GARCÍA ']) expect(otherHelpdeskUser(shown, maria)).toBeNull();
  });

  it('says who is who when the helpdesk is signed in as someone else', () => {
    expect(otherHelpdeskUser('  Sam   Lee ', maria)).toEqual({ helpdeskName: 'Sam Lee', undertoneName: 'María García' });
    // A name that only contains the user's is not the user.
    expect(otherHelpdeskUser('María García-Lopez', maria)).not.toBeNull();
  });

  it('takes the helpdesk names an admin gave the user', () => {
    const user = { name: 'María García', helpdeskNames: ['mgarcia', 'M. Garcia'] };
    expect(otherHelpdeskUser('MGARCIA', user)).toBeNull();
    expect(otherHelpdeskUser('m. garcía', user)).toBeNull();
    expect(otherHelpdeskUser('Sam Lee', user)).toEqual({ helpdeskName: 'Sam Lee', undertoneName: 'María García' });
  });

  it('pauses nothing when there is no name to compare or nobody signed in', () => {
    expect(otherHelpdeskUser(null, maria)).toBeNull();
    expect(otherHelpdeskUser(undefined, maria)).toBeNull();
    expect(otherHelpdeskUser('   ', maria)).toBeNull();
    expect(otherHelpdeskUser('Sam Lee', null)).toBeNull();
  });
});
