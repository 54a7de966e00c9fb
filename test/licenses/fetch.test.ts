import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import { fetchLicenseMetadata, type LicenseLookup } from '../../src/licenses/fetch.js';
import { viaIndex } from '../../src/licenses/via.js';
import { dependency, FakeRegistry, metadata, releaseFixture } from './helpers.js';

describe('fetchLicenseMetadata', () => {
  it('reads each pinned dependency at its exact version', async () => {
    const registry = new FakeRegistry().add('boto3', '1.35.0', releaseFixture('pypi-boto3-1.35.0-free-text.json'));
    const [result] = await fetchLicenseMetadata([dependency('boto3', '1.35.0')], registry);
    expect(registry.calls).toEqual(['release boto3 1.35.0']);
    expect(result).toMatchObject({ status: 'found', checkedVersion: '1.35.0', latest: false, metadata: { name: 'boto3', license: 'Apache License 2.0' } });
  });

  it('reads the latest release for a dependency known only by a range, and says so', async () => {
    const registry = new FakeRegistry()
      .add('pluggy', '1.4.0', { metadata: metadata({ name: 'pluggy', version: '1.4.0', license: 'MIT' }) })
      .add('pluggy', '1.5.0', releaseFixture('pypi-pluggy-1.5.0-classifiers-only.json'));
    const [result] = await fetchLicenseMetadata([dependency('pluggy', null)], registry);
    expect(registry.calls).toEqual(['project pluggy']);
    expect(result).toMatchObject({ status: 'found', checkedVersion: '1.5.0', latest: true });
  });

  it('asks once per (name, version), and shares a cache between calls', async () => {
    const registry = new FakeRegistry(5).add('numpy', '1.26.4', releaseFixture('pypi-numpy-1.26.4-pasted-bsd-text.json'));
    const cache = new Map<string, Promise<LicenseLookup>>();
    const deps = [dependency('numpy', '1.26.4'), dependency('numpy', '1.26.4', { manifests: ['other/requirements.txt'] })];
    const first = await fetchLicenseMetadata(deps, registry, { cache });
    const second = await fetchLicenseMetadata(deps, registry, { cache });
    expect(registry.calls).toEqual(['release numpy 1.26.4']);
    expect(first.map((r) => r.status)).toEqual(['found', 'found']);
    expect(second[1]?.dependency.manifests).toEqual(['other/requirements.txt']);
  });

  it('keeps at most `concurrency` requests in flight (default 8)', async () => {
    const registry = new FakeRegistry(3);
    const deps = Array.from({ length: 40 }, (_, i) => dependency(`pkg-${i}`, '1.0'));
    await fetchLicenseMetadata(deps, registry, { concurrency: 3 });
    expect(registry.maxInFlight).toBe(3);
    const defaults = new FakeRegistry(3);
    await fetchLicenseMetadata(deps, defaults);
    expect(defaults.maxInFlight).toBe(8);
    expect(defaults.calls).toHaveLength(40);
  });

  it('asks nothing offline and nothing about URL, VCS or path sources', async () => {
    const deps = [
      dependency('requests', '2.32.3'),
      dependency('mylib', null, { source: { type: 'vcs', url: 'git+https://github.com/example/mylib', ref: 'v1' } }),
      dependency('local', null, { source: { type: 'path', url: './local' } }),
    ];
    const offline = await fetchLicenseMetadata(deps, null);
    expect(offline.map((r) => r.status)).toEqual(['offline', 'not-registry', 'not-registry']);
    const registry = new FakeRegistry();
    const online = await fetchLicenseMetadata(deps, registry);
    expect(registry.calls).toEqual(['release requests 2.32.3']);
    expect(online.map((r) => r.status)).toEqual(['not-found', 'not-registry', 'not-registry']);
  });

  it('returns a failing package as an error and still reads the others', async () => {
    const registry = new FakeRegistry()
      .add('boto3', '1.35.0', releaseFixture('pypi-boto3-1.35.0-free-text.json'))
      .fail('flaky', new RegistryError('https://pypi.org', 'GET https://pypi.org/pypi/flaky/2.0/json: HTTP 503 (after 3 attempts)'));
    const results = await fetchLicenseMetadata([dependency('flaky', '2.0'), dependency('boto3', '1.35.0')], registry);
    expect(results.map((r) => r.status)).toEqual(['error', 'found']);
    expect(results[0]?.error).toEqual({
      message: 'license of flaky 2.0 not checked: package index https://pypi.org: GET https://pypi.org/pypi/flaky/2.0/json: HTTP 503 (after 3 attempts)',
    });
  });

  it('handles a large inventory', async () => {
    const deps = Array.from({ length: 5000 }, (_, i) => dependency(`pkg-${i}`, '1.0'));
    const results = await fetchLicenseMetadata(deps, new FakeRegistry());
    expect(results).toHaveLength(5000);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['not-found']));
  });
});

describe('viaIndex', () => {
  it('walks dependents up to the direct dependencies, through cycles', () => {
    const deps = [
      dependency('app-framework', '1.0', { direct: true }),
      dependency('web-toolkit', '2.0', { direct: true }),
      dependency('middle', '1.0', { direct: false, dependents: ['app-framework', 'loop-b'] }),
      dependency('loop-b', '1.0', { direct: false, dependents: ['middle', 'web-toolkit'] }),
      dependency('gpl-leaf', '3.0', { direct: false, dependents: ['middle'] }),
      dependency('orphan', '1.0', { direct: false, dependents: ['not-in-inventory'] }),
    ];
    const index = viaIndex(deps);
    expect(index.via('gpl-leaf')).toEqual(['app-framework', 'web-toolkit']);
    expect(index.via('middle')).toEqual(['app-framework', 'web-toolkit']);
    expect(index.via('app-framework')).toEqual([]);
    expect(index.via('orphan')).toEqual([]);
    expect(index.via('unknown')).toEqual([]);
  });

  it('copes with a long chain', () => {
    const deps = [dependency('root', '1.0', { direct: true })];
    for (let i = 0; i < 20_000; i++) deps.push(dependency(`n${i}`, '1.0', { direct: false, dependents: [i === 0 ? 'root' : `n${i - 1}`] }));
    expect(viaIndex(deps).via('n19999')).toEqual(['root']);
  });
});
