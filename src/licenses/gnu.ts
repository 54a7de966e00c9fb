/**
 * The GNU licenses as people write them ("GPLv3+", "GNU Lesser General Public License v2.1 or later",
 * "LGPL"): which SPDX ids they can mean. SPDX gives each GNU license an `-only` and an `-or-later` id;
 * a declaration that does not say which one stays ambiguous rather than guessed (spdx-correct, for
 * instance, turns a bare "GPLv3" into `GPL-3.0-or-later`, which the author may not have meant).
 */
import { isSpdxLicenseId } from './spdx.js';

/** GnuFamily is one GNU license family, named by its SPDX prefix. */
export type GnuFamily = 'GPL' | 'LGPL' | 'AGPL' | 'GFDL';

/** GnuRange says whether a declaration names `-only`, `-or-later`, or leaves it open. */
export type GnuRange = 'only' | 'or-later' | 'either';

/** Every version SPDX has for a family, for a declaration without a version. */
const VERSIONS: Readonly<Record<GnuFamily, readonly string[]>> = {
  GPL: ['1.0', '2.0', '3.0'],
  LGPL: ['2.0', '2.1', '3.0'],
  AGPL: ['1.0', '3.0'],
  GFDL: ['1.1', '1.2', '1.3'],
};

/**
 * gnuReadings lists the SPDX ids a GNU declaration can mean: every version given (every version of the
 * family when none is), each as `-only`, `-or-later` or both.
 */
export function gnuReadings(family: GnuFamily, versions: readonly string[] | null, range: GnuRange): string[] {
  const readings: string[] = [];
  for (const version of versions ?? VERSIONS[family]) {
    if (range !== 'or-later') readings.push(`${family}-${version}-only`);
    if (range !== 'only') readings.push(`${family}-${version}-or-later`);
  }
  return readings.filter(isSpdxLicenseId);
}

/** Words a GNU declaration may contain besides the family and version ("GNU General Public License v3 or later"). */
const GNU_WORDS: ReadonlySet<string> = new Set([
  'gnu', 'the', 'general', 'public', 'license', 'licence', 'lesser', 'library', 'affero', 'free', 'documentation',
  'gpl', 'lgpl', 'agpl', 'gfdl', 'fdl', 'version', 'ver', 'v', 'only', 'or', 'later', 'any', 'newer', 'greater',
  'at', 'your', 'option', 'licensed', 'under', 'of', 'terms', 'gplv', 'lgplv', 'agplv',
]);

/**
 * readGnuDeclaration reads a short GNU license declaration; null when the text is not one GNU license
 * (another license is named, or two versions are: "GPLv2 or GPLv3" is a compound for the caller).
 */
export function readGnuDeclaration(text: string): string[] | null {
  const lower = text
    .toLowerCase()
    // "GPLv3+", "LGPL-2.1", "gpl3": split the family from the version.
    .replace(/\b(a|l)?gpl\s*-?\s*v?\s*(?=\d)/g, (_m, prefix: string | undefined) => `${prefix ?? ''}gpl `)
    .replace(/\bv(?:ersion|er\.?)?\s*(?=\d)/g, ' ');
  const tokens = lower.match(/\d+(?:\.\d+)*|\+|[a-z]+/g) ?? [];
  const words = new Set(tokens);
  const family: GnuFamily | null =
    words.has('agpl') || words.has('affero')
      ? 'AGPL'
      : words.has('lgpl') || words.has('lesser') || words.has('library')
        ? 'LGPL'
        : words.has('gfdl') || words.has('fdl') || (words.has('free') && words.has('documentation'))
          ? 'GFDL'
          : words.has('gpl') || (words.has('gnu') && words.has('general'))
            ? 'GPL'
            : null;
  if (!family) return null;
  const versions = new Set<string>();
  let orLater = false;
  let only = false;
  for (const token of tokens) {
    if (/^\d/.test(token)) versions.add(token);
    else if (token === '+' || token === 'later' || token === 'newer' || token === 'greater') orLater = true;
    else if (token === 'only') only = true;
    else if (!GNU_WORDS.has(token)) return null;
  }
  if (versions.size > 1) return null;
  const [version] = [...versions];
  const resolved = version === undefined ? null : versionsOf(family, version);
  if (resolved !== null && resolved.length === 0) return null;
  const readings = gnuReadings(family, resolved, orLater ? 'or-later' : only ? 'only' : 'either');
  return readings.length > 0 ? readings : null;
}

/** versionsOf spells a written version as SPDX does ("3" → 3.0); "LGPLv2" may be 2.0 or 2.1. */
function versionsOf(family: GnuFamily, written: string): string[] {
  const [major, minor] = written.split('.');
  if (family === 'LGPL' && major === '2' && minor === undefined) return ['2.0', '2.1'];
  const spelled = `${major}.${minor ?? '0'}`;
  return VERSIONS[family].includes(spelled) ? [spelled] : [];
}
