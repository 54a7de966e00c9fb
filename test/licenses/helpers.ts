import { readFileSync } from 'node:fs';
import type { Dependency } from '../../src/manifests/inventory.js';
import { fileOfJson, metadataOfInfo } from '../../src/registry/convert.js';
import { jsonReleaseSchema } from '../../src/registry/schema.js';
import type { DistributionFile, PackageMetadata, PackageRegistry, ProjectInfo } from '../../src/registry/types.js';

/** fixtureText reads a fixture of test/licenses/fixtures. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** releaseFixture parses a `/pypi/<name>/<version>/json` fixture the way the PyPI registry does. */
export function releaseFixture(name: string): { metadata: PackageMetadata; files: DistributionFile[] } {
  const payload = jsonReleaseSchema.parse(JSON.parse(fixtureText(name)));
  return { metadata: metadataOfInfo(payload.info), files: (payload.urls ?? []).map(fileOfJson) };
}

/** metadataFixture is the metadata of a release fixture. */
export function metadataFixture(name: string): PackageMetadata {
  return releaseFixture(name).metadata;
}

/** metadata builds metadata with only license fields set. */
export function metadata(fields: Partial<PackageMetadata> & { name?: string; version?: string }): PackageMetadata {
  return {
    name: 'example',
    version: '1.0',
    summary: null,
    licenseExpression: null,
    license: null,
    classifiers: [],
    requiresPython: null,
    requiresDist: [],
    projectUrls: {},
    ...fields,
  };
}

/** dependency builds an inventory entry. */
export function dependency(name: string, version: string | null, extra: Partial<Dependency> = {}): Dependency {
  return {
    name,
    version,
    specifier: version === null ? '>=1' : `==${version}`,
    direct: true,
    groups: ['main'],
    manifests: ['requirements.txt'],
    locations: [{ path: 'requirements.txt', startLine: 1, endLine: 1 }],
    ...extra,
  };
}

/** FakeRegistry answers from a table of releases and counts every call; it can fail or stall some packages. */
export class FakeRegistry implements PackageRegistry {
  readonly baseUrl = 'https://pypi.org';
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly releases = new Map<string, { metadata: PackageMetadata; files: DistributionFile[] }>();
  private readonly failing = new Map<string, Error>();

  constructor(private readonly delayMs = 0) {}

  /** add registers a release (also the project's latest when `latest`). */
  add(name: string, version: string, release: { metadata: PackageMetadata; files?: DistributionFile[] }): this {
    this.releases.set(`${name}@${version}`, { metadata: release.metadata, files: release.files ?? [] });
    return this;
  }

  fail(name: string, error: Error): this {
    this.failing.set(name, error);
    return this;
  }

  async release(name: string, version: string): Promise<{ metadata: PackageMetadata; files: DistributionFile[] } | null> {
    return this.track(`release ${name} ${version}`, name, () => this.releases.get(`${name}@${version}`) ?? null);
  }

  async project(name: string): Promise<ProjectInfo | null> {
    return this.track(`project ${name}`, name, () => {
      const versions = [...this.releases.entries()].filter(([key]) => key.startsWith(`${name}@`));
      const last = versions[versions.length - 1];
      if (!last) return null;
      return { name, latest: last[1].metadata, releases: [], status: null };
    });
  }

  private async track<T>(call: string, name: string, answer: () => T): Promise<T> {
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const failure = this.failing.get(name);
      if (failure) throw failure;
      return answer();
    } finally {
      this.inFlight--;
    }
  }
}
