import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LockDistributionFile, LockUpdate } from '../../../src/remediation/lock/types.js';

/** fixture reads a file of the fixtures folder. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** sha256Of is the (made-up but well-formed) digest the fixtures use for a file: sha256 of its name. */
export function sha256Of(filename: string): string {
  return createHash('sha256').update(filename).digest('hex');
}

/** distFile is a PyPI-like file of a release, in the registry's DistributionFile shape. */
export function distFile(filename: string, options: { size?: number | null; uploadTime?: string | null; yanked?: boolean; sha256?: string | null } = {}): LockDistributionFile {
  const digest = options.sha256 === undefined ? sha256Of(filename) : options.sha256;
  return {
    filename,
    packageType: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    url: `https://files.pythonhosted.org/packages/ab/cd/${sha256Of(filename).slice(0, 60)}/${filename}`,
    digests: digest === null ? { md5: 'd41d8cd98f00b204e9800998ecf8427e' } : { sha256: digest, blake2b_256: sha256Of(`b2:${filename}`) },
    uploadTime: options.uploadTime === undefined ? '2025-01-08T15:46:41.207123Z' : options.uploadTime,
    requiresPython: null,
    yanked: options.yanked ?? false,
    yankedReason: null,
    hasProvenance: null,
    size: options.size === undefined ? 1000 + filename.length : options.size,
  };
}

/** update builds a LockUpdate whose old and new release declare the given dependencies. */
export function update(fields: Partial<LockUpdate> & { package: string; from: string | null; to: string; files: LockDistributionFile[]; requiresDist?: string[]; oldRequiresDist?: string[]; requiresPython?: string | null; oldRequiresPython?: string | null }): LockUpdate {
  const requiresDist = fields.requiresDist ?? [];
  return {
    package: fields.package,
    from: fields.from,
    to: fields.to,
    release: { files: fields.files, requiresDist, requiresPython: fields.requiresPython ?? null, ...(fields.release?.summary !== undefined ? { summary: fields.release.summary } : {}) },
    oldRelease: { requiresDist: fields.oldRequiresDist ?? requiresDist, requiresPython: fields.oldRequiresPython === undefined ? (fields.requiresPython ?? null) : fields.oldRequiresPython },
    ...(fields.index ? { index: fields.index } : {}),
  };
}

/** changedLines lists the 1-based lines of `before` that differ from `after` when both have the same count. */
export function differingLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lines: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) lines.push(i + 1);
  return lines;
}
