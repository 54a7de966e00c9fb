/**
 * Short free-text license declarations (the core-metadata `License` field, PEP 345/566) read as SPDX:
 * "MIT License", "Apache 2.0", "GPLv3+", "BSD", "MIT or Apache-2.0". In order: placeholders ("UNKNOWN",
 * "see LICENSE") mean nothing; "Proprietary" and "Public Domain" map to LicenseRefs; a valid SPDX
 * expression is kept; GNU and ambiguous family names map to every license they can mean; compounds are
 * split on "or"/"and"; the rest goes through spdx-correct, whose answer is kept only when it does not
 * contradict the text (a version the text states, a name it qualifies with "like" or "modified").
 */
import spdxCorrect from 'spdx-correct';
import { isLicenseClassifier, PROPRIETARY_REF, PUBLIC_DOMAIN_REF, readingsOfClassifier } from './classifiers.js';
import { readGnuDeclaration } from './gnu.js';
import { combineReadings } from './readings.js';
import { isSpdxLicenseId, normalizeSpdx } from './spdx.js';

/** Free text longer than this is not a name but a pasted license text (see `texts.ts`). */
export const MAX_SHORT_TEXT = 120;

/** Declarations that point elsewhere or say nothing ("UNKNOWN" is what setuptools writes when unset). */
const PLACEHOLDERS: readonly RegExp[] = [
  /^(unknown|none|null|nil|n\/?a|not specified|unspecified|undefined|other|others|custom|tbd|todo|license|licence|-+|\?+|\.+)$/i,
  /^(the\s+)?(licen[cs]e|copying|copyright)([._-][\w.-]*)?(\s+file)?$/i,
  /^(see|refer to|read|check|in|as in|per|file:?)\b.*\b(licen[cs]e|copying|copyright)\b/i,
  /^file\s*:/i,
  /^dual[- ]licen[cs]ed?$/i,
  /^(licen[cs]e|copying)\s*[:=]?\s*(\S+\.(txt|md|rst))$/i,
];

/** Declarations of a proprietary license. */
const PROPRIETARY: readonly RegExp[] = [
  /^(other\/)?proprietary(\s+licen[cs]e)?$/i,
  /(^|\s)proprietary\b/i,
  /\bnon-?commercial\b/i,
  /^(commercial|closed[- ]?source|private|internal( use)?( only)?)(\s+licen[cs]e)?$/i,
  /^all rights reserved$/i,
  /^(copyright|\(c\)|©)\b.{0,100}\ball rights reserved\.?$/i,
];

const PUBLIC_DOMAIN = /^(the\s+)?(public[- ]domain|PD)(\s+dedication)?$/i;

/**
 * FAMILIES are names that say which family but not which member. Each maps to every member: pipwarden
 * does not choose one for the author (spdx-correct would turn "BSD" into BSD-2-Clause).
 */
const FAMILIES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^(the\s+)?bsd([- ]style|[- ]derived)?(\s+licen[cs]e)?$/i, ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause']],
  [/^(the\s+)?(new|modified|revised)\s+bsd(\s+licen[cs]e)?$/i, ['BSD-3-Clause']],
  [/^(the\s+)?(simplified|freebsd)\s+bsd(\s+licen[cs]e)?$/i, ['BSD-2-Clause']],
  [/^(the\s+)?apache((\s+software)?(\s+licen[cs]e)?|\s+software\s+foundation)?$/i, ['Apache-1.0', 'Apache-1.1', 'Apache-2.0']],
  [/^(the\s+)?(mozilla(\s+public)?(\s+licen[cs]e)?|mpl)$/i, ['MPL-1.0', 'MPL-1.1', 'MPL-2.0']],
  [/^(the\s+)?(eclipse(\s+public)?(\s+licen[cs]e)?|epl)$/i, ['EPL-1.0', 'EPL-2.0']],
  [/^(the\s+)?artistic(\s+licen[cs]e)?$/i, ['Artistic-1.0', 'Artistic-2.0']],
  [/^(the\s+)?(zope(\s+public)?(\s+licen[cs]e)?|zpl)$/i, ['ZPL-1.1', 'ZPL-2.0', 'ZPL-2.1']],
  [/^(the\s+)?(python software foundation|psf)(\s+licen[cs]e)?( agreement)?( version 2| v2| 2(\.0)?)?$/i, ['PSF-2.0']],
  [/^(the\s+)?python(\s+licen[cs]e)?$/i, ['PSF-2.0', 'Python-2.0', 'CNRI-Python']],
  [/^(the\s+)?eupl$/i, ['EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2']],
  [/^(the\s+)?expat(\s+licen[cs]e)?$/i, ['MIT']],
  [/^(the\s+)?isc(\s+licen[cs]e)?(\s+\(iscl\))?$/i, ['ISC']],
  [/^(the\s+)?mit\/x11(\s+licen[cs]e)?$/i, ['MIT']],
];

/**
 * VERSIONED are names followed by a version that spdx-correct gets wrong or misses ("Eclipse Public
 * License 2.0" → EPL-1.0): the version picks the SPDX id, which must exist.
 */
const VERSIONED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:the\s+)?eclipse\s+public\s+licen[cs]e,?\s*(?:-\s*)?(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'EPL'],
  [/^(?:the\s+)?mozilla\s+public\s+licen[cs]e,?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'MPL'],
  [/^(?:the\s+)?(?:apache|asl)(?:\s+software)?(?:\s+licen[cs]e)?,?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'Apache'],
  [/^(?:the\s+)?(?:european\s+union\s+public\s+licen[cs]e|eupl),?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'EUPL'],
  [/^(?:the\s+)?artistic(?:\s+licen[cs]e)?,?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'Artistic'],
  [/^(?:the\s+)?(?:zope\s+public\s+licen[cs]e|zpl),?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'ZPL'],
  [/^(?:the\s+)?(?:academic\s+free\s+licen[cs]e|afl),?\s*(?:v\.?|version\s*)?(\d(?:\.\d)?)$/i, 'AFL'],
];

/** Words that make spdx-correct's nearest match a guess: "MIT-like", "modified MIT", "MIT with exceptions". */
const QUALIFIED = /\blike\b|-like\b|\bstyle\b|\bsimilar\b|\bbased\b|\bmodified\b|\bderived\b|\bexcept|\bcustom\b|\bdual\b|\bvariant\b|\bcopyright\b/i;

/**
 * interpretLicenseText lists the SPDX expressions a short license declaration can mean: one when it is
 * exact, several when it names a family, none when it is a placeholder or not understood.
 */
export function interpretLicenseText(raw: string): string[] {
  const text = clean(raw);
  if (text === '' || text.length > MAX_SHORT_TEXT) return [];
  if (PLACEHOLDERS.some((p) => p.test(text))) return [];
  const whole = interpretPart(text);
  if (whole) return whole;
  return interpretCompound(text) ?? [];
}

/** clean trims, collapses whitespace, and drops wrapping quotes and a final full stop. */
function clean(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘`](.*)["'”’`]$/, '$1')
    .replace(/\.$/, '')
    .trim();
}

/** interpretPart reads a declaration of one license (or a valid SPDX expression); null when it cannot. */
function interpretPart(text: string): string[] | null {
  if (PROPRIETARY.some((p) => p.test(text))) return [PROPRIETARY_REF];
  if (PUBLIC_DOMAIN.test(text)) return [PUBLIC_DOMAIN_REF];
  const spdx = normalizeSpdx(text);
  if (spdx) return [spdx];
  if (isLicenseClassifier(text)) return readingsOfClassifier(text);
  for (const [pattern, readings] of FAMILIES) if (pattern.test(text)) return [...readings];
  for (const [pattern, prefix] of VERSIONED) {
    const version = pattern.exec(text)?.[1];
    if (version === undefined) continue;
    const id = `${prefix}-${version.includes('.') ? version : `${version}.0`}`;
    return isSpdxLicenseId(id) ? [id] : null;
  }
  const gnu = readGnuDeclaration(text);
  if (gnu) return gnu;
  return corrected(text);
}

/**
 * interpretCompound splits "MIT or Apache 2.0", "Apache-2.0 / MIT", "dual licensed under MIT and GPLv2"
 * into parts, reads each, and joins them. "Dual licensed" means a choice: its parts join with OR
 * whatever the word between them.
 */
function interpretCompound(text: string): string[] | null {
  const dual = /^dual[- ]licen[cs]ed(\s+under)?(\s+the)?(\s+terms\s+of)?\s+/i;
  const isDual = dual.test(text);
  const body = text.replace(dual, '').replace(/^\((.*)\)$/, '$1');
  const pieces = body.split(/\s+(or|and)\s+|\s+\/\s+|\s*;\s*/i);
  // split with a capture group interleaves parts with the operators; undefined marks a "/" or ";".
  const parts: string[] = [];
  const operators: ('OR' | 'AND')[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    parts.push((pieces[i] ?? '').replace(/^\((.*)\)$/, '$1').trim());
    if (i + 1 < pieces.length) {
      const word = pieces[i + 1];
      operators.push(isDual || word === undefined || word.toLowerCase() === 'or' ? 'OR' : 'AND');
    }
  }
  if (parts.length < 2 || parts.some((p) => p === '')) return null;
  const readings = parts.map((p) => interpretPart(p));
  if (readings.some((r) => r === null)) return null;
  return combineReadings(readings as string[][], operators);
}

/**
 * corrected asks spdx-correct for the nearest SPDX id, and keeps it only when the text does not
 * qualify the name and every version the text states is the id's ("Eclipse Public License 2.0" must
 * not become EPL-1.0).
 */
function corrected(text: string): string[] | null {
  // spdx-correct answers with one license: a text naming several ('or', 'and', ' / ', ';') is not one.
  if (QUALIFIED.test(text) || /\b(or|and)\b|\s\/\s|;/i.test(text)) return null;
  const attempts = [text, text.replace(/\s+licen[cs]e$/i, '').replace(/^the\s+/i, '')];
  for (const attempt of attempts) {
    let answer: string | null = null;
    try {
      answer = spdxCorrect(attempt, { upgrade: true });
    } catch {
      answer = null;
    }
    if (!answer) continue;
    const normalized = normalizeSpdx(answer);
    if (normalized && versionsAgree(text, normalized)) return [normalized];
  }
  return null;
}

/** versionsAgree: each version number in the text is (a prefix of) a version in the answer. */
function versionsAgree(text: string, answer: string): boolean {
  const answerVersions = (answer.match(/\d+(?:\.\d+)*/g) ?? []).map(versionKey);
  return (text.match(/\d+(?:\.\d+)*/g) ?? []).every((v) => answerVersions.some((a) => a === versionKey(v) || a.startsWith(`${versionKey(v)}.`)));
}

/** versionKey drops trailing `.0`s so "2" and "2.0" agree. */
function versionKey(version: string): string {
  return version.replace(/(\.0)+$/, '');
}
