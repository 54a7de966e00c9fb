/** Shared by the pyproject tests: parse a fixture, and find requirements by name. */
import { readFileSync } from 'node:fs';
import { parsePyproject } from '../../../src/manifests/pyproject/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

/** parseFixture parses `fixtures/<name>` as if it were the repository's pyproject.toml. */
export function parseFixture(name: string): Manifest {
  const content = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return parsePyproject({ path: 'pyproject.toml', content });
}

/** parseText parses inline TOML. */
export function parseText(content: string): Manifest {
  return parsePyproject({ path: 'pyproject.toml', content });
}

/** only is the single requirement with this normalised name (fails the test otherwise). */
export function only(manifest: Manifest, name: string): Requirement {
  const found = manifest.requirements.filter((r) => r.normalizedName === name);
  if (found.length !== 1) throw new Error(`expected one requirement "${name}", found ${found.length}`);
  return found[0] as Requirement;
}

/** summary is [name, specifier, groups, start line, end line] of each requirement, for compact asserts. */
export function summary(manifest: Manifest): Array<[string, string | null, string[], number, number]> {
  return manifest.requirements.map((r) => [r.name, r.specifier, r.groups, r.lines.start, r.lines.end]);
}
