import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../src/manifests/pyproject/index.js';
import { parseRequirementsFile } from '../../../src/manifests/requirements/index.js';
import { addConstraint } from '../../../src/remediation/edit/constraint.js';
import { fixture, lineDiff } from './helpers.js';

const sha = (seed: string): string => createHash('sha256').update(seed).digest('hex');
const reason = { ids: ['GHSA-34jh-p97f-mpxf', 'PYSEC-2024-60'], via: 'requests' };

describe('addConstraint: requirements and constraints files', () => {
  it('appends a pinned line with the pipwarden comment', () => {
    const text = 'django==4.2.5\r\nrequests==2.31.0\r\n';
    const result = addConstraint(text, 'urllib3', '1.26.19', 'requirements', reason);
    expect(result.content).toBe(
      `${text}urllib3==1.26.19  # pipwarden: pinned to fix GHSA-34jh-p97f-mpxf, PYSEC-2024-60 (transitive via requests)\r\n`,
    );
    expect(result.applied).toEqual([
      {
        package: 'urllib3',
        line: 3,
        before: '',
        after: 'urllib3==1.26.19  # pipwarden: pinned to fix GHSA-34jh-p97f-mpxf, PYSEC-2024-60 (transitive via requests)',
        from: '',
        to: '==1.26.19',
        breaking: false,
        notes: ['constraint added'],
      },
    ]);
    const parsed = parseRequirementsFile({ path: 'constraints.txt', content: result.content });
    expect(parsed.requirements.map((r) => [r.normalizedName, r.version])).toEqual([
      ['django', '4.2.5'],
      ['requests', '2.31.0'],
      ['urllib3', '1.26.19'],
    ]);
  });

  it('adds a line break first when the file has no final newline, and handles an empty file', () => {
    expect(addConstraint('django==4.2.5', 'idna', '3.7', 'requirements', { ids: ['X'] }).content).toBe(
      'django==4.2.5\nidna==3.7  # pipwarden: pinned to fix X\n',
    );
    expect(addConstraint('', 'idna', '3.7', 'requirements', { ids: ['X'] }).content).toBe('idna==3.7  # pipwarden: pinned to fix X\n');
  });

  it('writes hashes in a hash-checking file, with the comment on its own line', () => {
    const text = fixture('hashes-pip-compile.txt');
    const digests = [sha('u1'), sha('u2')];
    const result = addConstraint(text, 'urllib3', '2.2.2', 'requirements', { ...reason, digests });
    const sorted = [...digests].sort();
    expect(lineDiff(text, result.content)).toEqual({
      from: 18,
      removed: [],
      added: [
        '# pipwarden: pinned to fix GHSA-34jh-p97f-mpxf, PYSEC-2024-60 (transitive via requests)\n',
        'urllib3==2.2.2 \\\n',
        `    --hash=sha256:${sorted[0]} \\\n`,
        `    --hash=sha256:${sorted[1]}\n`,
      ],
    });
    expect(result.applied[0]?.line).toBe(19);
    const pinned = parseRequirementsFile({ path: 'requirements.txt', content: result.content }).requirements.at(-1);
    expect(pinned).toMatchObject({ normalizedName: 'urllib3', version: '2.2.2', hashes: sorted.map((d) => `sha256:${d}`) });
  });

  it('refuses a hash-checking file without digests, a package already declared, bad names and versions', () => {
    const hashed = fixture('hashes-pip-compile.txt');
    expect(addConstraint(hashed, 'urllib3', '2.2.2', 'requirements', reason).problems).toEqual([
      { package: 'urllib3', message: 'the file checks hashes (--hash): the sha256 digests of the pinned version are needed' },
    ]);
    expect(addConstraint('Django==4.2.5\n', 'django', '4.2.16', 'requirements', reason).problems[0]?.message).toBe(
      'django is already declared on line 1: edit that declaration instead',
    );
    expect(addConstraint('', 'not a name!', '1.0', 'requirements', reason).problems[0]?.message).toBe('"not a name!" is not a package name');
    expect(addConstraint('', 'idna', 'latest', 'requirements', reason).problems[0]?.message).toBe('"latest" is not a PEP 440 version');
    expect(addConstraint('django==4.2.5 \\\n', 'idna', '3.7', 'requirements', reason).problems[0]?.message).toBe(
      'the file ends with a continuation backslash; the pin cannot be appended safely',
    );
  });
});

describe('addConstraint: uv constraint-dependencies', () => {
  const comment = '# pipwarden: pinned to fix GHSA-34jh-p97f-mpxf, PYSEC-2024-60 (transitive via requests)';

  it('adds an item to a multi-line array in its layout', () => {
    const text = fixture('uv.toml');
    const result = addConstraint(text, 'certifi', '2024.7.4', 'pyproject-uv', reason);
    expect(lineDiff(text, result.content)).toEqual({ from: 13, removed: [], added: [`    "certifi==2024.7.4",  ${comment}\n`] });
    const parsed = parsePyproject({ path: 'pyproject.toml', content: result.content });
    expect(parsed.requirements.find((r) => r.normalizedName === 'certifi')).toMatchObject({
      version: '2024.7.4',
      constraintOnly: true,
      groups: ['constraint'],
      lines: { start: 13, end: 13 },
    });
    expect(result.applied[0]?.line).toBe(13);
  });

  it('adds a comma after a last item that had none', () => {
    const text = '[tool.uv]\nconstraint-dependencies = [\n  \'urllib3<2\'  # old\n]\n';
    const result = addConstraint(text, 'idna', '3.7', 'pyproject-uv', { ids: ['X'] });
    expect(result.content).toBe("[tool.uv]\nconstraint-dependencies = [\n  'urllib3<2',  # old\n  'idna==3.7',  # pipwarden: pinned to fix X\n]\n");
  });

  it('adds to a one-line array', () => {
    const text = '[project]\nname = "x"\n\n[tool.uv]\nconstraint-dependencies = ["urllib3<2"]\n';
    const result = addConstraint(text, 'idna', '3.7', 'pyproject-pep621', { ids: ['X'] });
    expect(result.content).toBe(
      '[project]\nname = "x"\n\n[tool.uv]\nconstraint-dependencies = ["urllib3<2", "idna==3.7"]  # pipwarden: pinned to fix X\n',
    );
  });

  it('creates the key at the end of [tool.uv] when it is missing', () => {
    const text = '[tool.uv]\ndev-dependencies = ["pytest"]\n\n[tool.ruff]\nline-length = 100\n';
    const result = addConstraint(text, 'idna', '3.7', 'pyproject-uv', { ids: ['X'] });
    expect(result.content).toBe(
      '[tool.uv]\ndev-dependencies = ["pytest"]\nconstraint-dependencies = [\n    "idna==3.7",  # pipwarden: pinned to fix X\n]\n\n[tool.ruff]\nline-length = 100\n',
    );
    expect(parsePyproject({ path: 'pyproject.toml', content: result.content }).errors).toEqual([]);
  });

  it('refuses formats without a constraint mechanism', () => {
    const noUv = '[project]\nname = "x"\ndependencies = ["requests"]\n';
    expect(addConstraint(noUv, 'idna', '3.7', 'pyproject-pep621', reason).problems[0]?.message).toBe(
      'pyproject.toml has no [tool.uv] table: only uv reads constraint-dependencies; pin it in a requirements or constraints file',
    );
    for (const kind of ['pipfile', 'setup-py', 'setup-cfg', 'poetry-lock', 'conda-environment'] as const) {
      const result = addConstraint('x', 'idna', '3.7', kind, reason);
      expect(result.content).toBe('x');
      expect(result.problems[0]?.message).toBe(
        `${kind} files have no place for a constraint on a transitive dependency; its lock file is where it is fixed`,
      );
    }
  });
});
