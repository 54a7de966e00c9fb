/**
 * What a release's wheels cover: the CPython versions and the platforms it ships binaries for, read
 * from wheel filenames (`{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, with compressed tag
 * sets `py2.py3`; https://packaging.python.org/en/latest/specifications/binary-distribution-format/ and
 * platform-compatibility-tags/). Comparing two releases shows the Pythons and platforms a new release
 * dropped: there, pip builds from the sdist (needing a compiler) or falls back to an older release.
 */
import type { DistributionFile } from '../../registry/types.js';

/** WheelTag is one (python, abi, platform) triple of a wheel. */
export interface WheelTag {
  python: string;
  abi: string;
  platform: string;
}

const MAX_TAGS = 512;

/** wheelTagsOf expands a wheel filename's tags; null when the name is not a wheel's. */
export function wheelTagsOf(filename: string): WheelTag[] | null {
  if (!/\.whl$/i.test(filename)) return null;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length < 5 || parts.length > 6) return null;
  const [python = '', abi = '', platform = ''] = parts.slice(-3).map((p) => p.toLowerCase());
  const [pythons, abis, platforms] = [python.split('.'), abi.split('.'), platform.split('.')];
  // Real wheels carry a handful of tags; a name that would expand to hundreds is not a wheel's.
  if (pythons.length * abis.length * platforms.length > MAX_TAGS) return null;
  const tags: WheelTag[] = [];
  for (const p of pythons) for (const a of abis) for (const pl of platforms) tags.push({ python: p, abi: a, platform: pl });
  return tags;
}

/**
 * tagCoversCPython tells whether a tag installs on CPython `minor` ("3.8"): `cp38` exactly; `cp36` with
 * the stable ABI (`abi3`) on 3.6 and later; `py3` on every 3.x; `py38` on 3.8 and later (packaging's
 * `compatible_tags`). Other implementations' tags (`pp39`) do not.
 */
export function tagCoversCPython(tag: WheelTag, minor: string): boolean {
  const [major = '', minorPart = ''] = minor.split('.');
  const match = /^(cp|py)(\d)(\d*)$/.exec(tag.python);
  if (!match) return false;
  const [, kind, tagMajor = '', tagMinor = ''] = match;
  if (tagMajor !== major) return false;
  if (tagMinor === '') return kind === 'py';
  const wanted = Number(minorPart);
  const given = Number(tagMinor);
  if (kind === 'py') return given <= wanted;
  return tag.abi === 'abi3' ? given <= wanted : given === wanted;
}

/**
 * platformsOfTag names the platforms a platform tag serves: `manylinux x86_64` for every manylinux
 * spelling (`manylinux1_x86_64`, `manylinux_2_17_x86_64`), `musllinux aarch64`, `windows x86` (win32),
 * `windows x86_64` (win_amd64), `macos arm64` and `macos x86_64` (`universal2` serves both), `any` for
 * pure wheels; other tags as written.
 */
export function platformsOfTag(platform: string): string[] {
  if (platform === 'any') return ['any'];
  let match = /^manylinux(?:1|2010|2014|_\d+_\d+)_(.+)$/.exec(platform);
  if (match) return [`manylinux ${match[1]}`];
  match = /^musllinux_\d+_\d+_(.+)$/.exec(platform);
  if (match) return [`musllinux ${match[1]}`];
  if (platform === 'win32') return ['windows x86'];
  if (platform === 'win_amd64') return ['windows x86_64'];
  if (platform === 'win_arm64') return ['windows arm64'];
  match = /^macosx_\d+_\d+_(.+)$/.exec(platform);
  if (match) {
    const arch = match[1] ?? '';
    if (arch === 'universal2') return ['macos arm64', 'macos x86_64'];
    if (arch === 'arm64') return ['macos arm64'];
    if (arch === 'x86_64' || arch === 'intel' || arch === 'universal' || arch === 'fat64' || arch === 'fat3') return ['macos x86_64'];
    return [`macos ${arch}`];
  }
  match = /^linux_(.+)$/.exec(platform);
  if (match) return [`linux ${match[1]}`];
  return [platform];
}

/** WheelCoverage is what a release's wheels cover. */
export interface WheelCoverage {
  /** The release has at least one wheel. */
  hasWheels: boolean;
  hasSdist: boolean;
  /** A pure wheel (`…-none-any.whl` for some Python 3): every platform is covered. */
  pure: boolean;
  /** The platforms with a binary wheel (see platformsOfTag), `any` excluded. */
  platforms: Set<string>;
  tags: WheelTag[];
}

/** wheelCoverage reads the wheels of a release's files. */
export function wheelCoverage(files: readonly DistributionFile[]): WheelCoverage {
  const tags: WheelTag[] = [];
  let hasSdist = false;
  for (const file of files) {
    const fileTags = wheelTagsOf(file.filename);
    if (fileTags) tags.push(...fileTags);
    else if (file.packageType === 'sdist') hasSdist = true;
  }
  const platforms = new Set<string>();
  let pure = false;
  for (const tag of tags) {
    for (const platform of platformsOfTag(tag.platform)) {
      if (platform === 'any') pure = true;
      else platforms.add(platform);
    }
  }
  return { hasWheels: tags.length > 0, hasSdist, pure, platforms, tags };
}

/** coversCPython tells whether some wheel of a release installs on CPython `minor`. */
export function coversCPython(coverage: WheelCoverage, minor: string): boolean {
  return coverage.tags.some((tag) => tagCoversCPython(tag, minor));
}
