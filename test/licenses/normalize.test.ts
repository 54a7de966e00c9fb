import { describe, expect, it } from 'vitest';
import { interpretLicenseText } from '../../src/licenses/free-text.js';
import { normalizeLicense } from '../../src/licenses/normalize.js';
import { recognizeLicenseText } from '../../src/licenses/texts.js';
import { fixtureText, metadata, metadataFixture } from './helpers.js';

describe('normalizeLicense on PyPI payloads', () => {
  it('takes a PEP 639 license_expression as it is', () => {
    const license = normalizeLicense(metadataFixture('pypi-cryptography-44.0.0-license-expression.json'));
    expect(license).toEqual({
      expression: 'Apache-2.0 OR BSD-3-Clause',
      readings: ['Apache-2.0 OR BSD-3-Clause'],
      category: 'permissive',
      declared: 'Apache-2.0 OR BSD-3-Clause',
      source: 'license-expression',
    });
  });

  it('reads free text ("Apache License 2.0") before the classifiers', () => {
    const license = normalizeLicense(metadataFixture('pypi-boto3-1.35.0-free-text.json'));
    expect(license).toMatchObject({ expression: 'Apache-2.0', category: 'permissive', declared: 'Apache License 2.0', source: 'license' });
  });

  it('recognises a pasted BSD-3-Clause text by its clauses and keeps its head as declared', () => {
    const license = normalizeLicense(metadataFixture('pypi-numpy-1.26.4-pasted-bsd-text.json'));
    expect(license.expression).toBe('BSD-3-Clause');
    expect(license.source).toBe('license');
    expect(license.declared?.startsWith('Copyright (c) 2005-2023, NumPy Developers.')).toBe(true);
    expect(license.declared?.length).toBe(301);
    expect(license.declared?.endsWith('…')).toBe(true);
  });

  it('recognises a pasted MIT text', () => {
    const license = normalizeLicense(metadataFixture('pypi-docopt-0.6.2-pasted-mit-text.json'));
    expect(license).toMatchObject({ expression: 'MIT', category: 'permissive', source: 'license' });
    expect(license.declared).toMatch(/^The MIT License \(MIT\)\n\nCopyright \(c\) 2012 Vladimir Keleshev/);
  });

  it('reads classifiers when nothing else is declared, ignoring the bare "OSI Approved" parent', () => {
    const license = normalizeLicense(metadataFixture('pypi-pluggy-1.5.0-classifiers-only.json'));
    expect(license).toEqual({
      expression: 'MIT',
      readings: ['MIT'],
      category: 'permissive',
      declared: 'License :: OSI Approved; License :: OSI Approved :: MIT License',
      source: 'classifiers',
    });
  });

  it('reports "UNKNOWN" with nothing else as unknown, keeping the text', () => {
    const license = normalizeLicense(metadataFixture('pypi-legacy-0.3-nothing-declared.json'));
    expect(license).toEqual({ expression: null, readings: [], category: 'unknown', declared: 'UNKNOWN', source: 'license' });
  });

  it('maps a proprietary declaration to LicenseRef-Proprietary', () => {
    const license = normalizeLicense(metadataFixture('pypi-nvidia-cudnn-cu12-9.1.0.70-proprietary.json'));
    expect(license).toMatchObject({ expression: 'LicenseRef-Proprietary', category: 'proprietary', declared: 'NVIDIA Proprietary Software' });
  });

  it('lets a classifier narrow an ambiguous free text ("LGPL" → LGPLv2+)', () => {
    const license = normalizeLicense(metadataFixture('pypi-chardet-5.2.0-lgpl-refined-by-classifier.json'));
    expect(license).toEqual({
      expression: null,
      readings: ['LGPL-2.0-or-later', 'LGPL-2.1-or-later'],
      category: 'weak-copyleft',
      declared: 'License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)',
      source: 'classifiers',
    });
  });

  it('keeps "BSD" ambiguous: permissive, but no expression is invented', () => {
    const license = normalizeLicense(metadataFixture('pypi-pycparser-2.21-ambiguous-bsd.json'));
    expect(license).toEqual({
      expression: null,
      readings: ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause'],
      category: 'permissive',
      declared: 'BSD',
      source: 'license',
    });
  });

  it('keeps "GPL v3" ambiguous between -only and -or-later, strong copyleft either way', () => {
    const license = normalizeLicense(metadataFixture('pypi-pyqt5-5.15.10-gpl-v3.json'));
    expect(license).toMatchObject({ expression: null, readings: ['GPL-3.0-only', 'GPL-3.0-or-later'], category: 'strong-copyleft', declared: 'GPL v3' });
  });

  it('falls back to the classifiers when the free text is not understood', () => {
    const license = normalizeLicense(metadataFixture('pypi-mysql-connector-9.0.0-gpl-with-exception.json'));
    expect(license.source).toBe('classifiers');
    expect(license.category).toBe('strong-copyleft');
    expect(license.readings).toHaveLength(6);
  });

  it('reports nothing declared as unknown without declared text', () => {
    expect(normalizeLicense(metadata({}))).toEqual({ expression: null, readings: [], category: 'unknown', source: 'none' });
  });

  it('does not believe a later source that contradicts an ambiguous one', () => {
    const license = normalizeLicense(metadata({ license: 'BSD', classifiers: ['License :: OSI Approved :: MIT License'] }));
    expect(license.readings).toEqual(['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause']);
  });

  it('joins several classifiers with OR', () => {
    const license = normalizeLicense(
      metadata({ classifiers: ['License :: OSI Approved :: MIT License', 'License :: OSI Approved :: Apache Software License'] }),
    );
    expect(license.expression).toBeNull();
    expect(license.readings).toEqual(['MIT OR Apache-1.0', 'MIT OR Apache-1.1', 'MIT OR Apache-2.0']);
    expect(license.category).toBe('permissive');
  });

  it('reads an invalid license_expression as free text', () => {
    expect(normalizeLicense(metadata({ licenseExpression: 'mit or apache 2.0' })).expression).toBe('MIT OR Apache-2.0');
  });

  it('upgrades deprecated ids in an expression', () => {
    expect(normalizeLicense(metadata({ licenseExpression: 'GPL-2.0+ OR LGPL-2.1' })).expression).toBe('GPL-2.0-or-later OR LGPL-2.1-only');
  });
});

describe('interpretLicenseText (short free text)', () => {
  const cases: Array<[string, string[]]> = [
    ['MIT', ['MIT']],
    ['MIT License', ['MIT']],
    ['The MIT License (MIT)', ['MIT']],
    ['Apache 2.0', ['Apache-2.0']],
    ['Apache License, Version 2.0', ['Apache-2.0']],
    ['ASL 2.0', ['Apache-2.0']],
    ['GPLv3+', ['GPL-3.0-or-later']],
    ['GPLv2', ['GPL-2.0-only', 'GPL-2.0-or-later']],
    ['GNU General Public License v2 or later (GPLv2+)', ['GPL-2.0-or-later']],
    ['LGPL-2.1', ['LGPL-2.1-only']],
    ['AGPLv3', ['AGPL-3.0-only', 'AGPL-3.0-or-later']],
    ['new BSD', ['BSD-3-Clause']],
    ['BSD 3-Clause', ['BSD-3-Clause']],
    ['Simplified BSD', ['BSD-2-Clause']],
    ['BSD License', ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause']],
    ['MPL 2.0', ['MPL-2.0']],
    ['Eclipse Public License 2.0', ['EPL-2.0']],
    ['PSF', ['PSF-2.0']],
    ['ISC License (ISCL)', ['ISC']],
    ['CC0 1.0 Universal', ['CC0-1.0']],
    ['Public Domain', ['LicenseRef-Public-Domain']],
    ['Proprietary', ['LicenseRef-Proprietary']],
    ['Other/Proprietary License', ['LicenseRef-Proprietary']],
    ['Copyright (c) 2020 Example Corp. All rights reserved.', ['LicenseRef-Proprietary']],
    ['MIT or Apache-2.0', ['MIT OR Apache-2.0']],
    ['Apache 2.0 or MIT', ['Apache-2.0 OR MIT']],
    ['Apache-2.0 / MIT', ['Apache-2.0 OR MIT']],
    ['Dual licensed under MIT and GPLv2+', ['MIT OR GPL-2.0-or-later']],
    ['"MIT".', ['MIT']],
    ['License :: OSI Approved :: ISC License (ISCL)', ['ISC']],
    ['LicenseRef-Acme-EULA', ['LicenseRef-Acme-EULA']],
  ];
  it.each(cases)('%j → %j', (text, readings) => {
    expect(interpretLicenseText(text)).toEqual(readings);
  });

  const unknown = ['', '   ', 'UNKNOWN', 'unknown', 'None', 'LICENSE', 'LICENSE.txt', 'see LICENSE', 'See LICENSE file for details', 'file: LICENSE', 'Dual License', 'Other', 'Copyright 2020 Foo', 'MIT-like', 'modified MIT', 'Dual BSD/GPL', 'n/a'];
  it.each(unknown)('%j is not a license', (text) => {
    expect(interpretLicenseText(text)).toEqual([]);
  });

  it('does not let spdx-correct change a stated version or drop a part', () => {
    expect(interpretLicenseText('Eclipse Public License 2.0')).not.toContain('EPL-1.0');
    expect(interpretLicenseText('Apache-2.0 / MIT')).toEqual(['Apache-2.0 OR MIT']);
  });
});

describe('recognizeLicenseText (pasted texts)', () => {
  it('reads an SPDX-License-Identifier line', () => {
    expect(recognizeLicenseText('# Copyright 2024 Example\n# SPDX-License-Identifier: MPL-2.0\n\nlong text follows…')).toEqual(['MPL-2.0']);
  });

  it('recognises the Apache-2.0 text by its title', () => {
    const text = '\n                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n\n   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n';
    expect(recognizeLicenseText(text)).toEqual(['Apache-2.0']);
  });

  it('tells ISC from 0BSD and MIT from MIT-0', () => {
    const isc = 'Copyright (c) 2024 Example\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.\n\nTHE SOFTWARE IS PROVIDED "AS IS"';
    const zero = 'Copyright (C) 2024 Example\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted.\n\nTHE SOFTWARE IS PROVIDED "AS IS"';
    const mit0 = 'MIT No Attribution\n\nCopyright 2024 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this\nsoftware and associated documentation files (the "Software"), to deal in the Software\nwithout restriction, including without limitation the rights to use, copy, modify,\nmerge, publish, distribute, sublicense, and/or sell copies of the Software, and to\npermit persons to whom the Software is furnished to do so.\n\nTHE SOFTWARE IS PROVIDED "AS IS"';
    expect(recognizeLicenseText(isc)).toEqual(['ISC']);
    expect(recognizeLicenseText(zero)).toEqual(['0BSD']);
    expect(recognizeLicenseText(mit0)).toEqual(['MIT-0']);
  });

  it('tells the BSD variants by their clauses', () => {
    const head = 'Copyright (c) 2024, Example\nAll rights reserved.\n\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n\n1. Redistributions of source code must retain the above copyright notice.\n2. Redistributions in binary form must reproduce the above copyright notice.\n';
    expect(recognizeLicenseText(head)).toEqual(['BSD-2-Clause']);
    expect(recognizeLicenseText(`${head}3. All advertising materials mentioning features or use of this software must display an acknowledgement.\n4. Neither the name…`)).toEqual(['BSD-4-Clause']);
  });

  it('reads the first license of a file that appends the licenses of bundled code', () => {
    const bsd = 'Copyright (c) 2024, Example\n\nRedistribution and use in source and binary forms, with or without modification, are permitted provided that: ... Neither the name of Example nor the names of its contributors may be used to endorse or promote products\n';
    const mit = '\n----\nBundled: tempita\nPermission is hereby granted, free of charge, to any person obtaining a copy ... shall be included in all copies or substantial portions of the Software.\n';
    expect(recognizeLicenseText(bsd + mit)).toEqual(['BSD-3-Clause']);
    expect(recognizeLicenseText(mit + bsd)).toEqual(['MIT']);
  });

  it('reads a GPL text as either -only or -or-later, and a notice with "any later version" as -or-later', () => {
    const text = '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation, Inc.\n\n                       TERMS AND CONDITIONS\n ... 13. Use with the GNU Affero General Public License. ... or (at your option) any later version.';
    expect(recognizeLicenseText(text)).toEqual(['GPL-3.0-only', 'GPL-3.0-or-later']);
    const notice = 'This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU Lesser General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.';
    expect(recognizeLicenseText(notice)).toEqual(['LGPL-3.0-or-later']);
    expect(recognizeLicenseText('GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999\n\nTERMS AND CONDITIONS')).toEqual(['LGPL-2.1-only', 'LGPL-2.1-or-later']);
  });

  it('reads the title line of an unfamiliar text', () => {
    expect(recognizeLicenseText('Mozilla Public License Version 2.0\n==================================\n\n1. Definitions\n')).toEqual(['MPL-2.0']);
    expect(recognizeLicenseText('BSD 3-Clause License\n\nCopyright (c) 2024\n(some custom wording)')).toEqual(['BSD-3-Clause']);
  });

  it('leaves an unrecognised text unknown rather than guessing from the copyright line', () => {
    expect(recognizeLicenseText('Copyright (c) 2024 Example Corp.\n\nYou may use this software only with our written permission.\n')).toEqual([]);
  });
});

describe('normalizeLicense on hostile input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const garbage = fixtureText('binary-garbage.bin');
    expect(garbage).toContain('\u0000');
    const license = normalizeLicense(metadata({ license: garbage, licenseExpression: garbage, classifiers: [garbage, 'License :: \u0000'] }));
    expect(license.category).toBe('unknown');
    expect(license.expression).toBeNull();
  });

  it('reads a 100,000-line license field quickly', () => {
    const text = `MIT License\n\nCopyright (c) 2024\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nshall be included in all copies or substantial portions\n${'filler line\n'.repeat(100_000)}`;
    const started = Date.now();
    const license = normalizeLicense(metadata({ license: text }));
    expect(license.expression).toBe('MIT');
    expect(license.declared?.length).toBe(301);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('survives a very long single line and a deeply nested expression', () => {
    expect(normalizeLicense(metadata({ license: 'x'.repeat(1_000_000) })).category).toBe('unknown');
    const nested = `${'('.repeat(50_000)}MIT${')'.repeat(50_000)}`;
    expect(normalizeLicense(metadata({ licenseExpression: nested })).category).toBe('unknown');
    const chain = `${'MIT OR '.repeat(20_000)}MIT`;
    expect(normalizeLicense(metadata({ licenseExpression: chain })).category).toBe('unknown');
  });

  it('bounds the combinations of many ambiguous classifiers', () => {
    const classifiers = [
      'License :: OSI Approved :: GNU General Public License (GPL)',
      'License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)',
      'License :: OSI Approved :: GNU Free Documentation License (FDL)',
    ];
    const license = normalizeLicense(metadata({ classifiers }));
    expect(license).toMatchObject({ expression: null, readings: [], category: 'unknown' });
  });
});
