/**
 * The offline source and the matcher over the real PyPA advisory database (October 2024 snapshot in
 * shared/). Facts asserted here were read from the YAML files themselves. Skipped when the database is
 * absent (a user's fresh clone).
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { affectedBySpecifier, affectsVersion, fixedVersions, pypiPackagesOf } from '../../src/advisories/match.js';
import { OfflineDatabase } from '../../src/advisories/offline-db.js';
import { severityOf } from '../../src/advisories/severity.js';
import type { OsvRecord } from '../../src/advisories/types.js';

const PYPA_DB = fileURLToPath(new URL('../../../shared/data/advisories/pypa-advisory-db', import.meta.url));
const present = existsSync(PYPA_DB);

describe.skipIf(!present)('the PyPA advisory database', () => {
  let db: OfflineDatabase;
  let loadMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    db = await OfflineDatabase.load(PYPA_DB);
    loadMs = performance.now() - started;
  });

  function advisory(name: string, id: string): OsvRecord {
    const found = db.advisoriesFor(name).find((record) => record.id === id);
    if (!found) throw new Error(`${id} not found for ${name}`);
    return found;
  }

  it('loads its 2,661 advisory files well under a second', () => {
    expect(db.fileCount).toBe(2661);
    // ~100–200 ms alone on the 2-core machine; the bound leaves room for test files running in parallel.
    expect(loadMs).toBeLessThan(1500);
    expect(db.problems).toEqual([]);
  });

  it('django 3.2.0 is affected by PYSEC-2021-98 (CVE-2021-33203), fixed in 2.2.24, 3.1.12 and 3.2.4', async () => {
    const result = await db.fetch([{ name: 'Django', version: '3.2.0' }]);
    const django = result.advisories.get('django') ?? [];
    expect(django).toHaveLength(116);
    const pysec = advisory('django', 'PYSEC-2021-98');
    expect(pysec.aliases).toEqual(['CVE-2021-33203', 'GHSA-68w8-qjq3-2gfm']);
    expect(affectsVersion(pysec, 'django', '3.2.0')).toBe(true);
    expect(affectsVersion(pysec, 'django', '3.2')).toBe(true);
    expect(affectsVersion(pysec, 'django', '3.1.11')).toBe(true);
    expect(affectsVersion(pysec, 'django', '3.1.12')).toBe(false);
    expect(affectsVersion(pysec, 'django', '3.2.4')).toBe(false);
    expect(fixedVersions(pysec, 'django')).toEqual(['2.2.24', '3.1.12', '3.2.4']);
    expect(django.filter((record) => affectsVersion(record, 'django', '3.2.0')).map((record) => record.id)).toContain(
      'PYSEC-2021-98',
    );
  });

  it('django 3.2.4 is still affected by PYSEC-2021-109 ([3.1, 3.1.13) and [3.2, 3.2.5))', () => {
    const pysec = advisory('django', 'PYSEC-2021-109');
    expect(affectsVersion(pysec, 'django', '3.2.4')).toBe(true);
    expect(affectsVersion(pysec, 'django', '3.2.5')).toBe(false);
    expect(affectsVersion(pysec, 'django', '3.0.14')).toBe(false);
    expect(affectedBySpecifier(pysec, 'django', '>=3.2.5,<4')).toBe(false);
    expect(affectedBySpecifier(pysec, 'django', '~=3.2.0')).toBe(true);
  });

  it('django 5.1.2, released after every advisory of the snapshot, is affected by none', () => {
    expect(db.advisoriesFor('django').filter((record) => affectsVersion(record, 'django', '5.1.2'))).toEqual([]);
  });

  it('a withdrawn advisory affects nothing (redis PYSEC-2023-73, CVE-2023-31655)', () => {
    const withdrawn = advisory('redis', 'PYSEC-2023-73');
    expect(withdrawn.withdrawn).toBe('2023-06-06T10:37:00Z');
    expect(affectsVersion(withdrawn, 'redis', '4.5.5')).toBe(false);
    expect(affectedBySpecifier(withdrawn, 'redis', null)).toBe(false);
    const { withdrawn: _, ...live } = withdrawn;
    expect(affectsVersion(live, 'redis', '4.5.5')).toBe(true);
  });

  it('werkzeug PYSEC-2023-221: the GIT range is ignored, CVSS v3.1 7.5 is high', () => {
    const pysec = advisory('werkzeug', 'PYSEC-2023-221');
    expect(affectsVersion(pysec, 'werkzeug', '2.3.7')).toBe(true);
    expect(affectsVersion(pysec, 'werkzeug', '2.3.8')).toBe(false);
    expect(affectsVersion(pysec, 'werkzeug', '3.0.0')).toBe(true);
    expect(affectsVersion(pysec, 'werkzeug', '3.0.1')).toBe(false);
    expect(fixedVersions(pysec, 'werkzeug')).toEqual(['2.3.8', '3.0.1']);
    expect(severityOf(pysec)).toEqual({
      severity: 'high',
      score: 7.5,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    });
  });

  it('py PYSEC-2022-42969: last_affected 1.11.0 is inclusive', () => {
    const pysec = advisory('py', 'PYSEC-2022-42969');
    expect(affectsVersion(pysec, 'py', '1.11.0')).toBe(true);
    expect(affectsVersion(pysec, 'py', '1.11.0.post1')).toBe(false);
    expect(affectsVersion(pysec, 'py', '1.12.0')).toBe(false);
    expect(fixedVersions(pysec, 'py')).toEqual([]);
  });

  it('jw.util is found under every spelling of its name', () => {
    for (const name of ['jw.util', 'jw-util', 'JW_Util']) {
      expect(db.advisoriesFor(name).map((record) => record.id)).toEqual(['PYSEC-2020-341']);
    }
    const pysec = advisory('jw-util', 'PYSEC-2020-341');
    expect(affectsVersion(pysec, 'jw_util', '2.2')).toBe(true);
    expect(affectsVersion(pysec, 'jw_util', '2.3')).toBe(false);
  });

  it('loading lazily serves exactly what parsing everything at load serves, for every package', async () => {
    const eager = await OfflineDatabase.load(PYPA_DB, { eager: true });
    expect(eager.problems).toEqual([]);
    // The PyPA layout names a folder after each package; an advisory may also name other packages
    // (tensorflow's name tensorflow-cpu and tensorflow-gpu), which are compared too.
    const folders = readdirSync(PYPA_DB, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const byFolder = await eager.fetch(folders.map((entry) => ({ name: entry.name, version: null })));
    const names = new Set(byFolder.advisories.keys());
    for (const records of byFolder.advisories.values()) {
      for (const record of records) for (const name of pypiPackagesOf(record)) names.add(name);
    }
    const ids = new Set<string>();
    for (const name of names) {
      const expected = eager.advisoriesFor(name).map((record) => record.id);
      expect(expected.length, name).toBeGreaterThan(0);
      expect(db.advisoriesFor(name).map((record) => record.id), name).toEqual(expected);
      for (const id of expected) ids.add(id);
    }
    expect(byFolder.advisories.size).toBe(664);
    expect(names.has('tensorflow-gpu')).toBe(true);
    expect(ids.size).toBe(2661);
    expect(db.problems).toEqual([]);
  });
});
