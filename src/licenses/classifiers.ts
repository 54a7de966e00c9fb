/**
 * Trove classifiers (PEP 301, https://pypi.org/classifiers/) of the `License ::` branch, mapped to SPDX.
 * Many classifiers name a family rather than one license ("BSD License", "Apache Software License",
 * "GNU General Public License v3 (GPLv3)" without "or later"), which is why PEP 639 deprecated them.
 * pipwarden does not pick a member for the author: such a classifier maps to every license it can mean
 * (its readings), and the policy judges all of them. So "BSD License" is permissive (every reading is),
 * but its expression stays null, and a deny list naming BSD-4-Clause makes it ambiguous, not clean.
 */
import { gnuReadings } from './gnu.js';

/** The public-domain reference pipwarden writes for "Public Domain" declarations (PEP 639's suggestion). */
export const PUBLIC_DOMAIN_REF = 'LicenseRef-Public-Domain';
/** The reference pipwarden writes for declarations of a proprietary license. */
export const PROPRIETARY_REF = 'LicenseRef-Proprietary';

/**
 * CLASSIFIER_READINGS maps each license classifier (without the `License :: ` prefix) to the SPDX
 * expressions it can mean. An empty list says the classifier names no license in particular.
 */
const CLASSIFIER_READINGS: Readonly<Record<string, readonly string[]>> = {
  'Aladdin Free Public License (AFPL)': ['Aladdin'],
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': ['CC0-1.0'],
  'CeCILL-B Free Software License Agreement (CECILL-B)': ['CECILL-B'],
  'CeCILL-C Free Software License Agreement (CECILL-C)': ['CECILL-C'],
  'DFSG approved': [],
  'Eiffel Forum License (EFL)': ['EFL-1.0', 'EFL-2.0'],
  'Free For Educational Use': [PROPRIETARY_REF],
  'Free For Home Use': [PROPRIETARY_REF],
  'Free To Use But Restricted': [PROPRIETARY_REF],
  'Free for non-commercial use': [PROPRIETARY_REF],
  Freeware: [PROPRIETARY_REF],
  'Freely Distributable': [],
  'GUST Font License 1.0': [],
  'GUST Font License 2006-09-30': [],
  'Netscape Public License (NPL)': ['NPL-1.0', 'NPL-1.1'],
  'Nokia Open Source License (NOKOS)': ['Nokia'],
  'OSI Approved': [],
  'OSI Approved :: Academic Free License (AFL)': ['AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0'],
  'OSI Approved :: Apache Software License': ['Apache-1.0', 'Apache-1.1', 'Apache-2.0'],
  'OSI Approved :: Apple Public Source License': ['APSL-1.0', 'APSL-1.1', 'APSL-1.2', 'APSL-2.0'],
  'OSI Approved :: Artistic License': ['Artistic-1.0', 'Artistic-1.0-Perl', 'Artistic-1.0-cl8', 'Artistic-2.0'],
  'OSI Approved :: Attribution Assurance License': ['AAL'],
  'OSI Approved :: BSD License': ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause'],
  'OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)': ['BlueOak-1.0.0'],
  'OSI Approved :: Boost Software License 1.0 (BSL-1.0)': ['BSL-1.0'],
  'OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)': ['CECILL-2.1'],
  'OSI Approved :: CMU License (MIT-CMU)': ['MIT-CMU'],
  'OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)': ['CDDL-1.0'],
  'OSI Approved :: Common Public License': ['CPL-1.0'],
  'OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)': ['EPL-1.0'],
  'OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)': ['EPL-2.0'],
  'OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)': ['ECL-2.0'],
  'OSI Approved :: Eiffel Forum License': ['EFL-1.0', 'EFL-2.0'],
  'OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)': ['EUPL-1.0'],
  'OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)': ['EUPL-1.1'],
  'OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)': ['EUPL-1.2'],
  'OSI Approved :: GNU Affero General Public License v3': gnuReadings('AGPL', ['3.0'], 'either'),
  'OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)': ['AGPL-3.0-or-later'],
  'OSI Approved :: GNU Free Documentation License (FDL)': gnuReadings('GFDL', null, 'either'),
  'OSI Approved :: GNU General Public License (GPL)': gnuReadings('GPL', null, 'either'),
  'OSI Approved :: GNU General Public License v2 (GPLv2)': gnuReadings('GPL', ['2.0'], 'either'),
  'OSI Approved :: GNU General Public License v2 or later (GPLv2+)': ['GPL-2.0-or-later'],
  'OSI Approved :: GNU General Public License v3 (GPLv3)': gnuReadings('GPL', ['3.0'], 'either'),
  'OSI Approved :: GNU General Public License v3 or later (GPLv3+)': ['GPL-3.0-or-later'],
  'OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)': gnuReadings('LGPL', ['2.0', '2.1'], 'either'),
  'OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)': gnuReadings('LGPL', ['2.0', '2.1'], 'or-later'),
  'OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)': gnuReadings('LGPL', ['3.0'], 'either'),
  'OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)': ['LGPL-3.0-or-later'],
  'OSI Approved :: GNU Library or Lesser General Public License (LGPL)': gnuReadings('LGPL', null, 'either'),
  'OSI Approved :: Historical Permission Notice and Disclaimer (HPND)': ['HPND'],
  'OSI Approved :: IBM Public License': ['IPL-1.0'],
  'OSI Approved :: ISC License (ISCL)': ['ISC'],
  'OSI Approved :: MIT License': ['MIT'],
  'OSI Approved :: MIT No Attribution License (MIT-0)': ['MIT-0'],
  'OSI Approved :: MirOS License (MirOS)': ['MirOS'],
  'OSI Approved :: Motosoto License': ['Motosoto'],
  'OSI Approved :: Mozilla Public License 1.0 (MPL)': ['MPL-1.0'],
  'OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)': ['MPL-1.1'],
  'OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)': ['MPL-2.0'],
  'OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)': ['MulanPSL-2.0'],
  'OSI Approved :: NASA Open Source Agreement v1.3 (NASA-1.3)': ['NASA-1.3'],
  'OSI Approved :: Nethack General Public License': ['NGPL'],
  'OSI Approved :: Nokia Open Source License': ['Nokia'],
  'OSI Approved :: Open Group Test Suite License': ['OGTSL'],
  'OSI Approved :: Open Software License 3.0 (OSL-3.0)': ['OSL-3.0'],
  'OSI Approved :: PostgreSQL License': ['PostgreSQL'],
  'OSI Approved :: Python License (CNRI Python License)': ['CNRI-Python'],
  // The PSF license has one version; SPDX calls it PSF-2.0.
  'OSI Approved :: Python Software Foundation License': ['PSF-2.0'],
  'OSI Approved :: Qt Public License (QPL)': ['QPL-1.0'],
  'OSI Approved :: Ricoh Source Code Public License': ['RSCPL'],
  'OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)': ['OFL-1.1'],
  'OSI Approved :: Sleepycat License': ['Sleepycat'],
  'OSI Approved :: Sun Public License': ['SPL-1.0'],
  'OSI Approved :: The Unlicense (Unlicense)': ['Unlicense'],
  'OSI Approved :: Universal Permissive License (UPL)': ['UPL-1.0'],
  'OSI Approved :: University of Illinois/NCSA Open Source License': ['NCSA'],
  'OSI Approved :: Vovida Software License 1.0': ['VSL-1.0'],
  'OSI Approved :: W3C License': ['W3C'],
  'OSI Approved :: Zero-Clause BSD (0BSD)': ['0BSD'],
  'OSI Approved :: Zope Public License': ['ZPL-1.1', 'ZPL-2.0', 'ZPL-2.1'],
  'OSI Approved :: zlib/libpng License': ['Zlib'],
  'Other/Proprietary License': [PROPRIETARY_REF],
  'Public Domain': [PUBLIC_DOMAIN_REF],
  'Repoze Public License': [],
};

/** isLicenseClassifier tells a classifier of the `License ::` branch. */
export function isLicenseClassifier(classifier: string): boolean {
  return /^License\s*::/.test(classifier);
}

/**
 * readingsOfClassifier is what one license classifier can mean: the SPDX expressions (one when exact),
 * an empty list when it names no license in particular ("OSI Approved"), null when the classifier is
 * not one pipwarden knows.
 */
export function readingsOfClassifier(classifier: string): string[] | null {
  const key = classifier.replace(/^License\s*::\s*/, '').replace(/\s*::\s*/g, ' :: ').trim();
  const readings = CLASSIFIER_READINGS[key];
  return readings === undefined ? null : [...readings];
}

/** CLASSIFIER_NAMES lists the classifiers of the table (for tests and documentation). */
export const CLASSIFIER_NAMES: readonly string[] = Object.keys(CLASSIFIER_READINGS).map((k) => `License :: ${k}`);
