/**
 * The most downloaded PyPI projects, shipped with pipwarden (`data/popular-packages.json`, from
 * https://github.com/hugovk/top-pypi-packages: 30-day downloads, most downloaded first). A name on this
 * list is a real, widely used project: never a typosquat itself, a likely target of one, and the genuine
 * public project when a mirror serves it.
 */
import { normalizePackageName } from '../manifests/pep508.js';
import data from './data/popular-packages.json' with { type: 'json' };

/** POPULAR_PACKAGES is the shipped list, PEP 503-normalised, most downloaded first. */
export const POPULAR_PACKAGES: readonly string[] = data.packages.map(normalizePackageName);

const POPULAR_SET: ReadonlySet<string> = new Set(POPULAR_PACKAGES);

/** isShippedPopular tells whether a PEP 503 name is on the shipped list. */
export function isShippedPopular(name: string): boolean {
  return POPULAR_SET.has(normalizePackageName(name));
}
