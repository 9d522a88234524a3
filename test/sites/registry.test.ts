import { describe, expect, it } from 'vitest';
import { validateProfile } from '../../src/sites/profile.js';
import { BUNDLED_PROFILES, findProfile } from '../../src/sites/registry.js';

describe('findProfile', () => {
  it('finds the bundled globalresearch.ca profile for the host and its subdomains', () => {
    expect(findProfile('https://www.globalresearch.ca/some-article/5660583')?.name).toBe(
      'Global Research',
    );
    expect(findProfile('https://globalresearch.ca/')?.name).toBe('Global Research');
    expect(findProfile('https://notglobalresearch.ca/x')).toBeUndefined();
    expect(findProfile('file:///tmp/page.html')).toBeUndefined();
    expect(findProfile(undefined)).toBeUndefined();
  });

  it('consults the user profiles first', () => {
    const mine = validateProfile({ hosts: ['globalresearch.ca'], name: 'Mine' }, 'test');
    expect(findProfile('https://www.globalresearch.ca/x', [mine])?.name).toBe('Mine');
  });

  it('bundles only valid profiles', () => {
    expect(BUNDLED_PROFILES.length).toBeGreaterThan(0);
    for (const profile of BUNDLED_PROFILES)
      expect(validateProfile(profile, 'bundled')).toBe(profile);
  });
});

describe('validateProfile', () => {
  it.each([
    [{}, 'p.hosts: must be a non-empty list of host names'],
    [{ hosts: ['Example.COM/'] }, 'p.hosts[0]: must be a lower-case host name'],
    [{ hosts: ['example.com'], author: 'div[' }, 'p.author: is not a valid CSS selector'],
    [{ hosts: ['example.com'], remove: ['.ok', 3] }, 'p.remove[1]: must be a CSS selector string'],
    [
      { hosts: ['example.com'], labels: { Region: 'place' } },
      'p.labels.Region: must name a front-matter field',
    ],
    [{ hosts: ['example.com'], colour: 'red' }, 'p.colour: unknown key'],
  ])('rejects %j naming the key', (profile, message) => {
    expect(() => validateProfile(profile, 'p')).toThrow(message);
  });
});
