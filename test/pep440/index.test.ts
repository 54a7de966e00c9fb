import { describe, expect, it } from 'vitest';
import { normalizeVersion } from '../../src/pep440/index.js';

describe('normalizeVersion', () => {
  it('gives the canonical PEP 440 spelling', () => {
    expect(normalizeVersion('2.0.0-rc.1')).toBe('2.0.0rc1');
    expect(normalizeVersion('1.0-post1')).toBe('1.0.post1');
    expect(normalizeVersion('v1.0')).toBe('1.0');
    expect(normalizeVersion('not a version')).toBeNull();
  });
});
