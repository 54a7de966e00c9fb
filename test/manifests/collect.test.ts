import { describe, expect, it } from 'vitest';
import { collectManifests } from '../../src/manifests/collect.js';
import { MemoryRepoFiles } from '../../src/sources/memory.js';

describe('collectManifests', () => {
  it('finds dependency files by name and skips installed, cached and built folders', async () => {
    const files = new MemoryRepoFiles({
      'requirements.txt': 'requests==2.31.0\n',
      'services/api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["flask>=3"]\n',
      'node_modules/x/requirements.txt': 'evil==1\n',
      'build/lib/setup.py': 'setup()\n',
      'pkg/__pycache__/requirements.txt': 'x==1\n',
      '.tox/py311/requirements.txt': 'x==1\n',
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/python3.11/site-packages/foo/requirements.txt': 'x==1\n',
      'README.md': '# hi\n',
      'MANIFEST.in': 'include README.md\n',
    });
    const collected = await collectManifests(files);
    expect(collected.manifests.map((m) => [m.path, m.kind])).toEqual([
      ['requirements.txt', 'requirements'],
      ['services/api/pyproject.toml', 'pyproject-pep621'],
    ]);
    expect(collected.virtualEnvs).toEqual(['env']);
  });

  it('follows -r and -c relative to the including file, whatever the included file is named', async () => {
    const files = new MemoryRepoFiles({
      'requirements/prod.txt': '-r ../shared/base.pins\n-c constraints/pins.txt\ngunicorn==21.2.0\n',
      'shared/base.pins': 'requests==2.31.0\n',
      'requirements/constraints/pins.txt': 'urllib3==2.0.7\n',
    });
    const collected = await collectManifests(files);
    expect(collected.manifests.map((m) => m.path)).toEqual([
      'requirements/constraints/pins.txt',
      'requirements/prod.txt',
      'shared/base.pins',
    ]);
    const pins = collected.manifests.find((m) => m.path === 'requirements/constraints/pins.txt');
    expect(pins?.requirements.map((r) => [r.name, r.constraintOnly])).toEqual([['urllib3', true]]);
    const base = collected.manifests.find((m) => m.path === 'shared/base.pins');
    expect(base?.requirements.map((r) => [r.name, r.constraintOnly ?? false])).toEqual([['requests', false]]);
    expect(collected.includedBy.get('shared/base.pins')).toEqual(['requirements/prod.txt']);
  });

  it('reports an include cycle at the line that closes it, and reads each file once', async () => {
    const files = new MemoryRepoFiles({
      'requirements.txt': 'flask==3.0.0\n-r requirements-dev.txt\n',
      'requirements-dev.txt': 'pytest==8.0.0\n\n-r requirements.txt\n',
    });
    const collected = await collectManifests(files);
    const all = collected.manifests.flatMap((m) => m.errors);
    expect(all).toEqual([
      // Discovery visits requirements-dev.txt first ('-' sorts before '.'), so the cycle closes in requirements.txt.
      { message: 'include cycle: requirements-dev.txt → requirements.txt → requirements-dev.txt', path: 'requirements.txt', line: 2 },
    ]);
    expect(collected.manifests.flatMap((m) => m.requirements.map((r) => r.name))).toEqual(['pytest', 'flask']);
  });

  it('refuses includes that leave the audited folder or point at a URL, and reports missing ones', async () => {
    const files = new MemoryRepoFiles({
      'requirements.txt': '-r ../../etc/passwd\n-r /etc/hosts\n-r https://example.com/reqs.txt\n-r missing.txt\nflask==3.0.0\n',
    });
    const [manifest] = (await collectManifests(files)).manifests;
    expect(manifest?.errors).toEqual([
      { message: 'include "../../etc/passwd" leaves the audited folder; not read', path: 'requirements.txt', line: 1 },
      { message: 'include "/etc/hosts" leaves the audited folder; not read', path: 'requirements.txt', line: 2 },
      { message: 'remote include "https://example.com/reqs.txt" is not fetched; its requirements are not audited', path: 'requirements.txt', line: 3 },
      { message: 'included file "missing.txt" not found', path: 'requirements.txt', line: 4 },
    ]);
    expect(manifest?.requirements.map((r) => r.name)).toEqual(['flask']);
  });

  it('turns binary, huge and non-UTF-8 files into errors and still reads the rest', async () => {
    const files = new MemoryRepoFiles({
      'a/requirements.txt': new Uint8Array([0x72, 0x65, 0x00, 0xff, 0x00]),
      'b/requirements.txt': 'x'.repeat(5 * 1024 * 1024 + 1),
      'c/requirements.txt': new Uint8Array([0x66, 0x6f, 0x6f, 0xc3, 0x28]),
      'd/requirements.txt': 'django==4.2.7\n',
    });
    const collected = await collectManifests(files);
    expect(collected.manifests.map((m) => [m.path, m.errors.map((e) => e.message)])).toEqual([
      ['a/requirements.txt', ['binary file (contains NUL bytes); not read']],
      ['b/requirements.txt', ['file is 5.0 MB, over the 5 MB limit; not read']],
      ['c/requirements.txt', ['not valid UTF-8 text; not read']],
      ['d/requirements.txt', []],
    ]);
    expect(collected.manifests[3]?.requirements[0]?.version).toBe('4.2.7');
  });

  it('stops a hostile chain of includes at a fixed depth', async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 200; i++) tree[i === 0 ? 'requirements.txt' : `r${i}.txt`] = `-r r${i + 1}.txt\npkg${i}==1.0\n`;
    const collected = await collectManifests(new MemoryRepoFiles(tree));
    const errors = collected.manifests.flatMap((m) => m.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/includes nested more than 64 deep/);
    // The root file plus 63 nested includes: the 64th level is refused.
    expect(collected.manifests).toHaveLength(64);
  });
});
