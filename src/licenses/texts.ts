/**
 * Whole license texts pasted into the `License` field (setuptools copies a LICENSE file there when told
 * `license=open("LICENSE").read()`): recognised by an `SPDX-License-Identifier:` line, by the phrases
 * each standard text opens with, or by its title line. A text that matches none stays unknown: it is
 * kept as declared, never reported as a guess.
 */
import { interpretLicenseText, MAX_SHORT_TEXT } from './free-text.js';
import { gnuReadings, type GnuFamily } from './gnu.js';

/** Only the head of a text is read: titles and opening clauses are there, and a megabyte costs nothing. */
const HEAD_LENGTH = 20_000;

/** A rule recognises one license text and says which SPDX expressions it can be. */
interface TextRule {
  test: RegExp;
  readings: (text: string) => string[];
}

const RULES: readonly TextRule[] = [
  // Apache-2.0: the text's title ("Apache License Version 2.0, January 2004") or the standard notice.
  { test: /Apache License,? Version 2\.0/i, readings: () => ['Apache-2.0'] },
  {
    // MIT and MIT-0 open alike; only MIT keeps the "shall be included in all copies" condition.
    test: /Permission is hereby granted, free of charge, to any person obtaining a copy/i,
    readings: (text) => (/shall be included in all copies or substantial portions/i.test(text) ? ['MIT'] : ['MIT-0']),
  },
  {
    // The BSD family: the advertising clause makes 4-clause, the endorsement clause 3-clause.
    test: /Redistribution and use in source and binary forms, with or without modification, are permitted/i,
    readings: (text) =>
      /advertising materials/i.test(text)
        ? ['BSD-4-Clause']
        : /(neither the name|names? of (its|the|their) contributors|may be used to endorse or promote)/i.test(text)
          ? ['BSD-3-Clause']
          : ['BSD-2-Clause'],
  },
  {
    // ISC and 0BSD share their first sentence; ISC adds "provided that the above copyright notice…".
    test: /Permission to use, copy, modify, and(\/or)? distribute this software for any purpose with or without fee is hereby granted/i,
    readings: (text) => (/provided that the above copyright notice and this permission notice appear in all copies/i.test(text) ? ['ISC'] : ['0BSD']),
  },
  { test: /GNU (AFFERO |LESSER |LIBRARY )?GENERAL PUBLIC LICEN[CS]E/i, readings: gnuText },
  { test: /GNU Free Documentation License/i, readings: gnuText },
  { test: /Mozilla Public License,? (Version |v\.? ?)?[12]\.[01]/i, readings: (text) => versioned(text, /Mozilla Public License,? (?:Version |v\.? ?)?([12]\.[01])/i, 'MPL') },
  { test: /Eclipse Public License,? -? ?(Version |v\.? ?)?[12]\.0/i, readings: (text) => versioned(text, /Eclipse Public License,? -? ?(?:Version |v\.? ?)?([12]\.0)/i, 'EPL') },
  { test: /This is free and unencumbered software released into the public domain/i, readings: () => ['Unlicense'] },
  { test: /CC0 1\.0 Universal/i, readings: () => ['CC0-1.0'] },
  { test: /PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2/i, readings: () => ['PSF-2.0'] },
  { test: /Boost Software License - Version 1\.0/i, readings: () => ['BSL-1.0'] },
  { test: /DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE/i, readings: () => ['WTFPL'] },
  {
    test: /This software is provided ['‘]as-is['’], without any express or implied\s+warranty/i,
    readings: (text) => (/Altered source versions must be plainly marked/i.test(text) ? ['Zlib'] : []),
  },
];

/**
 * recognizeLicenseText lists the SPDX expressions a pasted license text can be: from an
 * `SPDX-License-Identifier:` line, then the standard phrase that comes first in the text (bundled
 * licenses follow the package's own), then the title line. Empty when none matches.
 */
export function recognizeLicenseText(text: string): string[] {
  const head = text.slice(0, HEAD_LENGTH);
  const identifier = /SPDX-License-Identifier:\s*([^\n\r*]{1,200})/i.exec(head)?.[1];
  if (identifier) {
    const readings = interpretLicenseText(identifier.replace(/-->.*$/, '').trim());
    if (readings.length > 0) return readings;
  }
  const flat = head.replace(/\s+/g, ' ');
  // A LICENSE file often appends the licenses of bundled code: the text that comes first is the package's.
  const matches = RULES.map((rule) => ({ rule, at: rule.test.exec(flat)?.index ?? -1 }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at);
  for (const { rule } of matches) {
    const readings = rule.readings(flat);
    if (readings.length > 0) return readings;
  }
  return titleReadings(head);
}

/** titleReadings reads the first non-empty line as a license name ("The MIT License (MIT)"), unless it is a copyright line. */
function titleReadings(head: string): string[] {
  const title = head
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s#*=>-]+|[\s#*=-]+$/g, ''))
    .find((line) => line !== '');
  if (!title || title.length > MAX_SHORT_TEXT || /^(copyright|\(c\)|©)/i.test(title)) return [];
  return interpretLicenseText(title);
}

/**
 * gnuText reads a GNU license text or notice: the first "GNU … General Public License" heading gives
 * the family (the GPL-3.0 text mentions the AGPL in section 13, so the first heading is the one), the
 * "Version N" after it the version, and a notice's "or (at your option) any later version" the
 * `-or-later`. The license text itself does not say which the author chose: both readings remain.
 */
function gnuText(text: string): string[] {
  const heading = /GNU (AFFERO |LESSER |LIBRARY )?GENERAL PUBLIC LICEN[CS]E|GNU Free Documentation License/i.exec(text);
  if (!heading) return [];
  const qualifier = (heading[1] ?? '').trim().toUpperCase();
  const family: GnuFamily = /Documentation/i.test(heading[0])
    ? 'GFDL'
    : qualifier === 'AFFERO'
      ? 'AGPL'
      : qualifier === 'LESSER' || qualifier === 'LIBRARY'
        ? 'LGPL'
        : 'GPL';
  const after = text.slice(heading.index, heading.index + 400);
  const version =
    /Version (\d(?:\.\d)?)/i.exec(after)?.[1] ?? /version (\d(?:\.\d)?) of the License/i.exec(text)?.[1] ?? null;
  // A full text ("TERMS AND CONDITIONS") carries the notice template in its appendix: only a notice on
  // its own says what the author chose.
  const orLater = !/TERMS AND CONDITIONS/i.test(text) && /or \(at your option\) any later version/i.test(text);
  const spelled = version === null ? null : [version.includes('.') ? version : `${version}.0`];
  return gnuReadings(family, spelled, orLater ? 'or-later' : 'either');
}

/** versioned builds `<prefix>-<version>` from the version a pattern captures. */
function versioned(text: string, pattern: RegExp, prefix: string): string[] {
  const version = pattern.exec(text)?.[1];
  return version ? [`${prefix}-${version}`] : [];
}
