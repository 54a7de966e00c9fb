import { describe, expect, it } from 'vitest';
import { readGnuDeclaration } from '../../src/licenses/gnu.js';
import { combineReadings, MAX_READINGS } from '../../src/licenses/readings.js';
import { combineSpdx, isLicenseRef, leavesOf, normalizeSpdx, parseSpdx } from '../../src/licenses/spdx.js';

describe('SPDX helpers', () => {
  it('spell expressions canonically, with parentheses where AND meets OR', () => {
    expect(normalizeSpdx('MIT or Apache-2.0')).toBe('MIT OR Apache-2.0');
    expect(normalizeSpdx('MIT OR Apache-2.0 AND BSD-3-Clause')).toBe('MIT OR (Apache-2.0 AND BSD-3-Clause)');
    expect(normalizeSpdx('((MIT))')).toBe('MIT');
    expect(normalizeSpdx('Apache-2.0 WITH LLVM-exception')).toBe('Apache-2.0 WITH LLVM-exception');
  });

  it('upgrade deprecated ids', () => {
    expect(normalizeSpdx('GPL-3.0')).toBe('GPL-3.0-only');
    expect(normalizeSpdx('LGPL-2.1+')).toBe('LGPL-2.1-or-later');
    expect(normalizeSpdx('GPL-2.0-with-classpath-exception')).toBe('GPL-2.0-only WITH Classpath-exception-2.0');
    expect(normalizeSpdx('BSD-2-Clause-FreeBSD')).toBe('BSD-2-Clause');
    expect(normalizeSpdx('Apache-2.0+')).toBe('Apache-2.0+');
  });

  it('return null rather than throw on bad input', () => {
    expect(parseSpdx('MIT OR')).toBeNull();
    expect(parseSpdx('')).toBeNull();
    expect(parseSpdx('mit')).toBeNull();
    expect(parseSpdx('\u0000')).toBeNull();
    expect(parseSpdx(`${'('.repeat(400)}MIT${')'.repeat(400)}`)).toEqual({ license: 'MIT' });
  });

  it('list leaves and join expressions', () => {
    const node = parseSpdx('(MIT AND BSD-3-Clause) OR GPL-2.0-or-later');
    expect(node && leavesOf(node).map((l) => l.license)).toEqual(['MIT', 'BSD-3-Clause', 'GPL-2.0-or-later']);
    expect(combineSpdx(['MIT', 'MIT'], 'OR')).toBe('MIT');
    expect(combineSpdx(['MIT OR ISC', 'Apache-2.0'], 'AND')).toBe('(MIT OR ISC) AND Apache-2.0');
    expect(combineSpdx([], 'OR')).toBeNull();
    expect(isLicenseRef('LicenseRef-Acme')).toBe(true);
    expect(isLicenseRef('DocumentRef-spdx:LicenseRef-Acme')).toBe(true);
    expect(isLicenseRef('MIT')).toBe(false);
  });
});

describe('combineReadings', () => {
  it('takes every combination, with SPDX precedence', () => {
    expect(combineReadings([['MIT'], ['GPL-2.0-only', 'GPL-2.0-or-later']], ['OR'])).toEqual(['MIT OR GPL-2.0-only', 'MIT OR GPL-2.0-or-later']);
    expect(combineReadings([['MIT'], ['ISC'], ['Zlib']], ['OR', 'AND'])).toEqual(['MIT OR (ISC AND Zlib)']);
    expect(combineReadings([['MIT'], ['MIT']], ['OR'])).toEqual(['MIT']);
  });

  it('gives up past MAX_READINGS or on an empty part', () => {
    const wide = Array.from({ length: MAX_READINGS + 1 }, (_, i) => `LicenseRef-L${i}`);
    expect(combineReadings([wide, ['MIT']], ['OR'])).toBeNull();
    expect(combineReadings([[], ['MIT']], ['OR'])).toBeNull();
    expect(combineReadings([], [])).toBeNull();
  });
});

describe('readGnuDeclaration', () => {
  it.each([
    ['GNU Lesser General Public License v2.1 or later', ['LGPL-2.1-or-later']],
    ['LGPLv2', ['LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1-only', 'LGPL-2.1-or-later']],
    ['GPL-2.0 only', ['GPL-2.0-only']],
    ['gpl3', ['GPL-3.0-only', 'GPL-3.0-or-later']],
    ['GNU Affero General Public License v3 or later (AGPLv3+)', ['AGPL-3.0-or-later']],
    ['GNU Free Documentation License v1.3', ['GFDL-1.3-only', 'GFDL-1.3-or-later']],
  ])('%j → %j', (text, readings) => {
    expect(readGnuDeclaration(text)).toEqual(readings);
  });

  it.each(['GPLv2 or GPLv3', 'GPL v4', 'GPL with linking exception', 'MIT'])('%j is not one GNU license', (text) => {
    expect(readGnuDeclaration(text)).toBeNull();
  });
});
