import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { affectsVersion, fixedVersions } from '../../src/advisories/match.js';
import { OfflineDatabase } from '../../src/advisories/offline-db.js';
import { severityOf } from '../../src/advisories/severity.js';
import { AdvisorySourceError } from '../../src/errors.js';

const PYPA_LAYOUT = fileURLToPath(new URL('./fixtures/offline-db/pypa-layout', import.meta.url));
const temporary: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-offline-db-'));
  temporary.push(dir);
  return dir;
}

function fixtureText(relative: string): string {
  return readFileSync(path.join(PYPA_LAYOUT, relative), 'utf8');
}

/** write creates files (with their folders) under a directory. */
function write(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
}

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('OfflineDatabase.load: a directory in the PyPA layout', () => {
  it('indexes .yaml, .yml and .json records by normalised package name, skipping hidden folders', async () => {
    const db = await OfflineDatabase.load(PYPA_LAYOUT);
    expect(db.id).toBe('offline-db');
    expect(db.fileCount).toBe(5);
    const result = await db.fetch([
      { name: 'Jinja2', version: '2.10' },
      { name: 'JW_Util', version: null },
      { name: 'werkzeug', version: '3.0.0' },
      { name: 'requests', version: '2.31.0' },
    ]);
    expect(result.source).toBe('offline-db');
    expect([...result.advisories.keys()]).toEqual(['jinja2', 'jw-util', 'werkzeug', 'requests']);
    expect(result.advisories.get('jinja2')?.map((record) => record.id)).toEqual(['GHSA-h75v-3vvj-5mfj', 'PYSEC-2019-217']);
    expect(result.advisories.get('jw-util')?.map((record) => record.id)).toEqual(['PYSEC-2020-341']);
    expect(result.advisories.get('requests')).toEqual([]);
    expect(db.problems).toEqual([]);
  });

  it('hands over complete records that match.ts and severity.ts read', async () => {
    const db = await OfflineDatabase.load(PYPA_LAYOUT);
    const [werkzeug] = db.advisoriesFor('Werkzeug');
    expect(werkzeug?.aliases).toEqual(['CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw']);
    expect(werkzeug && affectsVersion(werkzeug, 'werkzeug', '3.0.0')).toBe(true);
    expect(werkzeug && affectsVersion(werkzeug, 'werkzeug', '3.0.1')).toBe(false);
    expect(werkzeug && fixedVersions(werkzeug, 'werkzeug')).toEqual(['2.3.8', '3.0.1']);
    expect(werkzeug && severityOf(werkzeug)).toEqual({
      severity: 'high',
      score: 7.5,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    });
    // The failsafe YAML schema keeps quoted and unquoted versions strings: "2.10" is not the number 2.1.
    const [pysec] = db.advisoriesFor('jinja2').filter((record) => record.id === 'PYSEC-2019-217');
    expect(pysec?.affected?.[0]?.versions).toEqual(['2.10', '2.9.6']);
    const [withdrawn] = db.advisoriesFor('redis');
    expect(withdrawn?.withdrawn).toBe('2023-06-06T10:37:00Z');
    expect(withdrawn && affectsVersion(withdrawn, 'redis', '4.5.5')).toBe(false);
  });

  it('parses every file at load with eager: true, with the same answers', async () => {
    const lazy = await OfflineDatabase.load(PYPA_LAYOUT);
    const eager = await OfflineDatabase.load(PYPA_LAYOUT, { eager: true });
    for (const name of ['jinja2', 'jw-util', 'werkzeug', 'redis']) {
      expect(eager.advisoriesFor(name)).toEqual(lazy.advisoriesFor(name));
    }
  });
});

describe('OfflineDatabase.load: bad files become problems', () => {
  it('records a problem per unusable file and still serves the rest', async () => {
    const root = tempDir();
    cpSync(PYPA_LAYOUT, root, { recursive: true });
    write(root, {
      'broken/unterminated.yaml': 'id: PYSEC-2099-1\ndetails: "never closed\nmodified: x\n',
      'broken/no-modified.yaml': fixtureText('jw.util/PYSEC-2020-341.yaml').replace(/^modified:.*$/m, ''),
      'broken/syntax.json': '{"id": "GHSA-xxxx", "modified": ',
      'broken/array.json': '[{"id": "PYSEC-1", "modified": "2024-01-01T00:00:00Z"}]',
      'broken/binary.json': new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x7b, 0x00, 0x22]),
      'broken/empty.yaml': '',
      'broken/two-documents.yaml': 'id: PYSEC-1\nmodified: "2024-01-01T00:00:00Z"\n---\nid: PYSEC-2\n',
    });
    const db = await OfflineDatabase.load(root, { eager: true });
    const problems = [...db.problems].sort((a, b) => a.path.localeCompare(b.path));
    expect(problems.map((problem) => [path.relative(root, problem.path), problem.message])).toEqual([
      ['broken/array.json', 'not an OSV record: record: Invalid input: expected object, received array'],
      ['broken/binary.json', expect.stringMatching(/^invalid JSON: /)],
      ['broken/empty.yaml', 'not an OSV record: record: Invalid input: expected object, received null'],
      ['broken/no-modified.yaml', 'not an OSV record: modified: Invalid input: expected string, received undefined'],
      ['broken/syntax.json', expect.stringMatching(/^invalid JSON: /)],
      ['broken/two-documents.yaml', expect.stringMatching(/^invalid YAML: expected a single document/)],
      ['broken/unterminated.yaml', expect.stringMatching(/^invalid YAML: unexpected end of the stream within a double quoted scalar \(\d+:\d+\)$/)],
    ]);
    expect(db.fileCount).toBe(12);
    expect(db.advisoriesFor('werkzeug').map((record) => record.id)).toEqual(['PYSEC-2023-221']);
    expect(db.advisoriesFor('jw.util').map((record) => record.id)).toEqual(['PYSEC-2020-341']);
  });

  it('parses a file on first use when loading lazily: its problem appears when its package is asked for', async () => {
    const root = tempDir();
    write(root, {
      'jw.util/PYSEC-2020-341.yaml': fixtureText('jw.util/PYSEC-2020-341.yaml'),
      'jw.util/PYSEC-2099-9.yaml': fixtureText('jw.util/PYSEC-2020-341.yaml')
        .replace('PYSEC-2020-341', 'PYSEC-2099-9')
        .replace(/^modified:.*$/m, ''),
    });
    const db = await OfflineDatabase.load(root);
    expect(db.problems).toEqual([]);
    const result = await db.fetch([{ name: 'jw-util', version: '2.2' }]);
    expect(result.advisories.get('jw-util')?.map((record) => record.id)).toEqual(['PYSEC-2020-341']);
    expect(db.problems).toEqual([
      {
        path: path.join(root, 'jw.util/PYSEC-2099-9.yaml'),
        message: 'not an OSV record: modified: Invalid input: expected string, received undefined',
      },
    ]);
    await db.fetch([{ name: 'jw-util', version: '2.2' }]);
    expect(db.problems).toHaveLength(1);
  });

  it('finds packages named in forms the quick scan does not read (flow mappings, quoted keys)', async () => {
    const root = tempDir();
    write(root, {
      'flow.yaml': [
        'id: PYSEC-2099-2',
        'modified: "2024-01-01T00:00:00Z"',
        'affected:',
        '- package: {name: Flask_Caching, ecosystem: PyPI}',
        '  ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}, {fixed: "2.0.2"}]}]',
        '',
      ].join('\n'),
      'quoted-key.yaml': [
        'id: PYSEC-2099-3',
        'modified: "2024-01-01T00:00:00Z"',
        'affected:',
        '- package:',
        '    "name": flask-caching',
        '    ecosystem: PyPI',
        '',
      ].join('\n'),
      'name-on-next-line.yaml': [
        'id: PYSEC-2099-4',
        'modified: "2024-01-01T00:00:00Z"',
        'affected:',
        '- package:',
        '    name:',
        '      flask.caching',
        '    ecosystem: PyPI',
        '',
      ].join('\n'),
      'escaped.json': JSON.stringify({
        id: 'GHSA-2099-5',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { name: 'flask_caching', ecosystem: 'PyPI' } }],
      }).replace('flask_caching', 'flask\\u005fcaching'),
    });
    const db = await OfflineDatabase.load(root);
    expect(db.advisoriesFor('flask-caching').map((record) => record.id)).toEqual([
      'GHSA-2099-5',
      'PYSEC-2099-2',
      'PYSEC-2099-3',
      'PYSEC-2099-4',
    ]);
    expect(db.problems).toEqual([]);
  });

  it('keeps the most recently modified copy of an id found twice', async () => {
    const original = fixtureText('jw.util/PYSEC-2020-341.yaml');
    const db = OfflineDatabase.fromFiles([
      { path: 'old/PYSEC-2020-341.yaml', text: original.replace('2022-01-05T02:16:25.743194Z', '2021-01-01T00:00:00Z') },
      { path: 'new/PYSEC-2020-341.yaml', text: original.replace('fixed: "2.3"', 'fixed: "2.3.1"') },
      { path: 'notes.txt', text: 'not an advisory' },
    ]);
    expect(db.fileCount).toBe(2);
    const records = db.advisoriesFor('jw-util');
    expect(records).toHaveLength(1);
    expect(records[0] && fixedVersions(records[0], 'jw-util')).toEqual(['2.3.1']);
  });

  it('ignores records of other ecosystems', () => {
    const db = OfflineDatabase.fromFiles([
      {
        path: 'GHSA-npm.json',
        text: JSON.stringify({
          id: 'GHSA-npm',
          modified: '2024-01-01T00:00:00Z',
          affected: [{ package: { name: 'jinja2', ecosystem: 'npm' } }],
        }),
      },
    ]);
    expect(db.advisoriesFor('jinja2')).toEqual([]);
  });

  it('survives hostile input: a BOM, NUL bytes, a 100,000-line file, deep nesting, an alias bomb', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    // "Billion laughs": each level repeats the one before ten times.
    const aliasBomb = [
      'id: PYSEC-2099-8',
      'modified: "2024-01-01T00:00:00Z"',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(
        (name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(',')}]`,
      ),
      'affected:',
      '- package:',
      '    name: bombpkg',
      '    ecosystem: PyPI',
    ].join('\n');
    const longYaml = [
      'id: PYSEC-2099-6',
      'modified: "2024-01-01T00:00:00Z"',
      'affected:',
      '- package:',
      '    name: bigpkg',
      '    ecosystem: PyPI',
      '  versions:',
      ...Array.from({ length: 100_000 }, (_, index) => `  - 0.${index}`),
      '',
    ].join('\n');
    const bom = {
      id: 'GHSA-bom',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { name: 'bompkg', ecosystem: 'PyPI' } }],
    };
    const db = OfflineDatabase.fromFiles(
      [
        { path: 'bom.json', text: `\ufeff${JSON.stringify(bom)}` },
        { path: 'nul.yaml', text: 'id: PYSEC-\u0000\u0001\nname: \u0000' },
        { path: 'deep.json', text: deep },
        { path: 'deep.yaml', text: deep },
        { path: 'long.yaml', text: longYaml },
        { path: 'alias-bomb.yaml', text: aliasBomb },
      ],
      { eager: true },
    );
    expect(db.advisoriesFor('bompkg').map((record) => record.id)).toEqual(['GHSA-bom']);
    const [big] = db.advisoriesFor('bigpkg');
    expect(big?.affected?.[0]?.versions).toHaveLength(100_000);
    expect(big && affectsVersion(big, 'bigpkg', '0.99999')).toBe(true);
    expect(db.problems.map((problem) => problem.path).sort()).toEqual([
      'alias-bomb.yaml',
      'deep.json',
      'deep.yaml',
      'nul.yaml',
    ]);
    expect(db.problems.find((problem) => problem.path === 'alias-bomb.yaml')?.message).toMatch(/^invalid YAML: .*alias/i);
    expect(db.advisoriesFor('bombpkg')).toEqual([]);
  });
});

describe('OfflineDatabase.load: an OSV all.zip', () => {
  it('reads the <ID>.json entries of a zip made like OSV exports', async () => {
    const root = tempDir();
    const werkzeug = {
      id: 'PYSEC-2023-221',
      modified: '2023-11-08T18:38:34.170214Z',
      aliases: ['CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw'],
      affected: [
        {
          package: { name: 'werkzeug', ecosystem: 'PyPI', purl: 'pkg:pypi/werkzeug' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.3.8' }, { introduced: '3.0.0' }, { fixed: '3.0.1' }] },
          ],
        },
      ],
    };
    const zip = zipSync({
      'PYSEC-2023-221.json': strToU8(JSON.stringify(werkzeug)),
      'GHSA-h75v-3vvj-5mfj.json': strToU8(fixtureText('jinja2/GHSA-h75v-3vvj-5mfj.json')),
      'PYSEC-2099-7.json': strToU8('{"id": "PYSEC-2099-7", "modified": '),
      'LICENSE.txt': strToU8('CC-BY-4.0'),
      'nested/': new Uint8Array(),
    });
    const zipPath = path.join(root, 'all.zip');
    writeFileSync(zipPath, zip);
    const db = await OfflineDatabase.load(zipPath, { eager: true });
    expect(db.fileCount).toBe(3);
    const result = await db.fetch([{ name: 'Werkzeug', version: '3.0.0' }, { name: 'jinja2', version: '3.1.3' }]);
    expect(result.advisories.get('werkzeug')?.map((record) => record.id)).toEqual(['PYSEC-2023-221']);
    expect(result.advisories.get('jinja2')?.map((record) => record.id)).toEqual(['GHSA-h75v-3vvj-5mfj']);
    expect(db.problems).toEqual([{ path: `${zipPath}!/PYSEC-2099-7.json`, message: expect.stringMatching(/^invalid JSON: /) }]);
  });

  it('fails as a source when the path is missing or not a zip', async () => {
    const root = tempDir();
    const notZip = path.join(root, 'all.zip');
    writeFileSync(notZip, 'PK\u0003\u0004 this is not really a zip archive');
    await expect(OfflineDatabase.load(notZip)).rejects.toThrow(AdvisorySourceError);
    await expect(OfflineDatabase.load(notZip)).rejects.toThrow(/neither a directory nor a readable zip archive/);
    await expect(OfflineDatabase.load(path.join(root, 'missing'))).rejects.toThrow(
      /^advisory source offline-db: cannot read .*missing: ENOENT/,
    );
  });
});

describe('OfflineDatabase.load: hostile YAML', () => {
  it('refuses an alias bomb instead of expanding it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-bomb-'));
    mkdirSync(path.join(dir, 'pkg'));
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    writeFileSync(path.join(dir, 'pkg', 'BOMB-1.yaml'), `id: BOMB-1\nmodified: "2024-01-01T00:00:00Z"\n${levels.join('\n')}\naffected:\n- package:\n    name: pkg\n    ecosystem: PyPI\n`);
    const database = await OfflineDatabase.load(dir, { eager: true });
    expect(database.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^invalid YAML: .*alias/i)]);
    rmSync(dir, { recursive: true, force: true });
  });
});
