// Group rules of single sign-on: parsing `--map` and turning a person's groups into role and teams.
import { describe, expect, it } from 'vitest';
import { applyGroupRules, parseGroupRule, readGroups } from '../../../lib/relay/sso/group-mapping.ts';

describe('parseGroupRule', () => {
  it('reads team and role rules', () => {
    expect(parseGroupRule('support-billing=team:Billing')).toEqual({ group: 'support-billing', team: 'Billing' });
    expect(parseGroupRule(' leads = role:supervisor ')).toEqual({ group: 'leads', role: 'supervisor' });
    expect(parseGroupRule('CN=Billing,OU=Support=team:Billing')).toEqual({ group: 'CN=Billing,OU=Support', team: 'Billing' });
  });

  it('explains wrong rules', () => {
    expect(() => parseGroupRule('billing')).toThrow('must look like GROUP=team:NAME');
    expect(() => parseGroupRule('=team:A')).toThrow('names no group');
    expect(() => parseGroupRule('a=team:')).toThrow('names no team');
    expect(() => parseGroupRule('a=role:boss')).toThrow('agent, supervisor or admin');
    expect(() => parseGroupRule('a=group:B')).toThrow('must grant team:NAME or role:ROLE');
  });
});

describe('applyGroupRules', () => {
  const rules = [parseGroupRule('billing=team:Billing'), parseGroupRule('returns=team:Returns'), parseGroupRule('leads=role:supervisor'), parseGroupRule('it=role:admin')];

  it('gives every mapped team and the highest mapped role', () => {
    expect(applyGroupRules(rules, ['returns', 'billing', 'other'])).toEqual({ ok: true, role: 'agent', teams: ['Billing', 'Returns'] });
    expect(applyGroupRules(rules, ['billing', 'leads'])).toEqual({ ok: true, role: 'supervisor', teams: ['Billing'] });
    expect(applyGroupRules(rules, ['leads', 'it', 'billing'])).toEqual({ ok: true, role: 'admin', teams: ['Billing'] });
    expect(applyGroupRules(rules, ['it'])).toEqual({ ok: true, role: 'admin', teams: [] });
  });

  it('refuses no mapped group, and a non-admin role without a team', () => {
    expect(applyGroupRules(rules, ['marketing'])).toMatchObject({ ok: false, reason: expect.stringContaining('none of the groups') as unknown });
    expect(applyGroupRules(rules, [])).toMatchObject({ ok: false });
    expect(applyGroupRules(rules, ['leads'])).toMatchObject({ ok: false, reason: expect.stringContaining('a supervisor but give you no team') as unknown });
  });
});

describe('readGroups', () => {
  it('takes a list or a single string, and tells a missing claim from an empty one', () => {
    expect(readGroups({ groups: ['a', 1, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(readGroups({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(readGroups({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(readGroups({}, 'groups')).toBeUndefined();
  });
});
