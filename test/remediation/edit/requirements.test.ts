import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRequirementsFile } from '../../../src/manifests/requirements/index.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { editRequirementsFile } from '../../../src/remediation/edit/requirements.js';
import { changedLines, fixture, lineDiff } from './helpers.js';

const sha = (seed: string): string => createHash('sha256').update(seed).digest('hex');

function parse(content: string, path = 'requirements.txt'): Manifest {
  return parseRequirementsFile({ path, content });
}

function declared(content: string, name: string) {
  return parse(content).requirements.filter((r) => r.normalizedName === name);
}

describe('editRequirementsFile: pins, ranges, extras, markers, comments', () => {
  const text = fixture('pinned-comments-markers-extras.txt');
  const manifest = parse(text);
  const result = editRequirementsFile(manifest, text, [
    { package: 'django', to: '4.2.16' },
    { package: 'requests', to: '2.32.3' },
    { package: 'celery', to: '5.3.6' },
    { package: 'pillow', to: '10.3.0' },
    { package: 'urllib3', to: '1.26.19' },
    { package: 'flask', to: '3.0.3' },
    { package: 'gunicorn', to: '22.0.0' },
    { package: 'lib', to: '1.1' },
    { package: 'numpy', to: '1.26.4' },
  ]);

  it('changes only the specifier, keeping names, extras, markers and comments', () => {
    expect(changedLines(text, result.content)).toEqual([
      { line: 4, before: 'Django==4.2.5  # web framework\n', after: 'Django==4.2.16  # web framework\n' },
      {
        line: 5,
        before: 'requests[socks,security]==2.31.0 ; python_version < "3.12"\n',
        after: 'requests[socks,security]==2.32.3 ; python_version < "3.12"\n',
      },
      { line: 6, before: 'celery>=5.2,<6\n', after: 'celery>=5.3.6,<6\n' },
      { line: 7, before: 'Pillow ~= 9.5.0\n', after: 'Pillow ~= 10.3.0\n' },
      { line: 8, before: 'urllib3===1.26.5\n', after: 'urllib3===1.26.19\n' },
      { line: 11, before: 'flask\n', after: 'flask>=3.0.3\n' },
      { line: 12, before: 'gunicorn (>=20.0)\n', after: 'gunicorn (>=22.0.0)\n' },
    ]);
  });

  it('re-parses to exactly the intended constraints', () => {
    const edited = parse(result.content);
    const spec = (name: string) => edited.requirements.find((r) => r.normalizedName === name);
    expect(spec('django')).toMatchObject({ name: 'Django', specifier: '==4.2.16', version: '4.2.16' });
    expect(spec('requests')).toMatchObject({ specifier: '==2.32.3', extras: ['socks', 'security'], markers: 'python_version < "3.12"' });
    expect(spec('celery')?.specifier).toBe('>=5.3.6,<6');
    expect(spec('pillow')?.specifier).toBe('~=10.3.0');
    expect(spec('urllib3')?.specifier).toBe('===1.26.19');
    expect(spec('flask')?.specifier).toBe('>=3.0.3');
    expect(spec('gunicorn')?.specifier).toBe('>=22.0.0');
    expect(edited.indexes).toEqual(manifest.indexes);
  });

  it('reports each change with its line, the line before and after, and what it means', () => {
    expect(result.applied.map((a) => [a.package, a.line, a.from, a.to, a.breaking])).toEqual([
      ['django', 4, '==4.2.5', '==4.2.16', false],
      ['requests', 5, '==2.31.0', '==2.32.3', false],
      ['celery', 6, '>=5.2,<6', '>=5.3.6,<6', false],
      ['pillow', 7, '~= 9.5.0', '~= 10.3.0', true],
      ['urllib3', 8, '===1.26.5', '===1.26.19', false],
      ['flask', 11, '', '>=3.0.3', false],
      ['gunicorn', 12, '(>=20.0)', '(>=22.0.0)', false],
    ]);
    expect(result.applied[0]).toMatchObject({ before: 'Django==4.2.5  # web framework', after: 'Django==4.2.16  # web framework' });
    expect(result.applied[3]?.notes).toEqual(['compatible release "~=9.5.0" excluded 10.3.0: now "~=10.3.0"']);
    expect(result.applied[5]?.notes).toEqual(['no version constraint before: now >=3.0.3']);
  });

  it('leaves -e and URL lines untouched, as problems', () => {
    expect(result.problems).toEqual([
      { package: 'lib', line: 9, message: 'declared with a vcs source (git+https://github.com/org/lib.git@v1.0#egg=lib), not an index version; left untouched' },
      {
        package: 'numpy',
        line: 10,
        message:
          'declared with a url source (https://example.org/wheels/numpy-1.24.0-cp311-cp311-manylinux_2_17_x86_64.whl), not an index version; left untouched',
      },
    ]);
  });

  it('says when a declaration already requires the target', () => {
    const again = editRequirementsFile(parse(result.content), result.content, [{ package: 'django', to: '4.2.16' }]);
    expect(again.content).toBe(result.content);
    expect(again.applied).toEqual([]);
    expect(again.unchanged).toEqual([{ package: 'django', line: 4, reason: '"==4.2.16" already requires 4.2.16 or later' }]);
  });

  it('widens a cap that excludes the target and marks it breaking', () => {
    const widened = editRequirementsFile(manifest, text, [{ package: 'celery', to: '6.0.1' }]);
    expect(changedLines(text, widened.content)).toEqual([{ line: 6, before: 'celery>=5.2,<6\n', after: 'celery>=6.0.1,<7\n' }]);
    expect(widened.applied[0]).toMatchObject({ breaking: true, notes: ['cap "<6" excluded 6.0.1: widened to "<7"'] });
  });
});

describe('editRequirementsFile: --hash options', () => {
  const text = fixture('hashes-pip-compile.txt');
  const manifest = parse(text);
  const digests = [sha('django-4.2.16-wheel'), sha('django-4.2.16-sdist'), sha('django-4.2.16-extra')];

  it('replaces a multi-line hash block in the same layout, sorted as pip-compile sorts', () => {
    const result = editRequirementsFile(manifest, text, [{ package: 'django', to: '4.2.16', digests }]);
    const sorted = [...digests].sort();
    expect(lineDiff(text, result.content)).toEqual({
      from: 10,
      removed: [
        'django==4.2.5 \\\n',
        `    --hash=sha256:${sha('django-4.2.5-a') < sha('django-4.2.5-b') ? sha('django-4.2.5-a') : sha('django-4.2.5-b')} \\\n`,
        `    --hash=sha256:${sha('django-4.2.5-a') < sha('django-4.2.5-b') ? sha('django-4.2.5-b') : sha('django-4.2.5-a')}\n`,
      ],
      added: [
        'django==4.2.16 \\\n',
        `    --hash=sha256:${sorted[0]} \\\n`,
        `    --hash=sha256:${sorted[1]} \\\n`,
        `    --hash=sha256:${sorted[2]}\n`,
      ],
    });
    const [django] = declared(result.content, 'django');
    expect(django).toMatchObject({ specifier: '==4.2.16', lines: { start: 10, end: 13 } });
    expect(django?.hashes).toEqual(sorted.map((d) => `sha256:${d}`));
    expect(result.applied[0]?.notes).toEqual(['--hash refreshed: 2 → 3']);
    // The `# via` comment and the other packages' hashes are untouched.
    expect(result.content).toContain('    --hash=sha256:' + sha('django-4.2.16-extra'));
    expect(result.content.split('\n').slice(13).join('\n')).toBe(text.split('\n').slice(12).join('\n'));
  });

  it('refreshes a single-hash block into several lines, continuing them like the requirement line', () => {
    // One hash tells nothing about order: the digests keep the order given.
    const result = editRequirementsFile(manifest, text, [{ package: 'asgiref', to: '3.8.1', digests: [sha('b'), sha('a')] }]);
    expect(lineDiff(text, result.content)).toEqual({
      from: 7,
      removed: ['asgiref==3.7.2 \\\n', `    --hash=sha256:${sha('asgiref-a')}\n`],
      added: ['asgiref==3.8.1 \\\n', `    --hash=sha256:${sha('b')} \\\n`, `    --hash=sha256:${sha('a')}\n`],
    });
  });

  it('keeps markers before the continuation', () => {
    const result = editRequirementsFile(manifest, text, [{ package: 'requests', to: '2.32.3', digests: [sha('r')] }]);
    expect(lineDiff(text, result.content)).toMatchObject({
      from: 14,
      added: ['requests==2.32.3 ; python_version >= "3.8" \\\n', `    --hash=sha256:${sha('r')}\n`],
    });
    expect(declared(result.content, 'requests')[0]).toMatchObject({ markers: 'python_version >= "3.8"', hashes: [`sha256:${sha('r')}`] });
  });

  it('refuses to move a hashed requirement without the new digests', () => {
    const result = editRequirementsFile(manifest, text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe(text);
    expect(result.problems).toEqual([
      {
        package: 'django',
        line: 10,
        message: 'the requirement carries --hash options: the sha256 digests of django 4.2.16 are needed to refresh them',
      },
    ]);
  });

  it('refuses digests that are not sha256 hex', () => {
    const result = editRequirementsFile(manifest, text, [{ package: 'django', to: '4.2.16', digests: ['not-hex'] }]);
    expect(result.content).toBe(text);
    expect(result.problems[0]?.message).toBe('"not-hex" is not a sha256 hex digest');
  });

  it('replaces hashes written on the requirement line itself, still sorted when they were', () => {
    const inline = fixture('hashes-inline.txt');
    const result = editRequirementsFile(parse(inline), inline, [{ package: 'django', to: '4.2.16', digests: [sha('y'), sha('b')] }]);
    expect(changedLines(inline, result.content)).toEqual([
      {
        line: 1,
        before: `django==4.2.5 --hash=sha256:${sha('z')} --hash=sha256:${sha('a')}\n`,
        after: `django==4.2.16 --hash=sha256:${sha('b')} --hash=sha256:${sha('y')}\n`,
      },
    ]);
  });

  it('ignores digests for a declaration without hashes', () => {
    const inline = fixture('hashes-inline.txt');
    const result = editRequirementsFile(parse(inline), inline, [{ package: 'requests', to: '2.32.3', digests: [sha('x')] }]);
    expect(changedLines(inline, result.content)).toEqual([{ line: 2, before: 'requests==2.31.0\n', after: 'requests==2.32.3\n' }]);
  });
});

describe('editRequirementsFile: line continuations, CRLF, BOM, tabs', () => {
  it('edits the first physical line of a continued requirement and refuses a split specifier', () => {
    const text = fixture('continuation-lines.txt');
    const result = editRequirementsFile(parse(text), text, [
      { package: 'django', to: '4.2.16' },
      { package: 'requests', to: '2.32.3' },
      { package: 'flask', to: '3.0.3' },
    ]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 1, before: 'django==4.2.5 \\\n', after: 'django==4.2.16 \\\n' },
      { line: 5, before: 'flask==2.3.2 \\\n', after: 'flask==3.0.3 \\\n' },
    ]);
    expect(result.problems).toEqual([
      { package: 'requests', line: 3, message: 'the version specifier continues on the next line; edit it by hand' },
    ]);
    expect(declared(result.content, 'django')[0]).toMatchObject({ specifier: '==4.2.16', markers: 'python_version >= "3.8"' });
  });

  it('keeps a byte-order mark and CRLF line endings', () => {
    const text = fixture('crlf-bom.txt');
    expect(text.startsWith('\ufeff')).toBe(true);
    const result = editRequirementsFile(parse(text), text, [
      { package: 'django', to: '4.2.16' },
      { package: 'requests', to: '2.32.3' },
    ]);
    expect(result.content).toBe('\ufeffdjango==4.2.16\r\nrequests>=2.32.3\r\n# end\r\n');
  });

  it('keeps lone CR line endings, counting lines as pip does', () => {
    const text = 'flask==2.0\rdjango==4.2.5\r';
    const result = editRequirementsFile(parse(text), text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe('flask==2.0\rdjango==4.2.16\r');
    expect(result.applied[0]?.line).toBe(2);
  });

  it('keeps tabs around the operator and the comment', () => {
    const text = fixture('tabs.txt');
    const result = editRequirementsFile(parse(text), text, [
      { package: 'django', to: '4.2.16' },
      { package: 'requests', to: '2.32.3' },
    ]);
    expect(result.content).toBe('django\t==\t4.2.16\t# pinned\n\trequests\t>=2.32.3,\t<3\n');
    expect(declared(result.content, 'requests')[0]?.specifier).toBe('>=2.32.3,<3');
  });

  it('edits a file without a final newline', () => {
    const text = 'django==4.2.5';
    expect(editRequirementsFile(parse(text), text, [{ package: 'Django', to: '4.2.16' }]).content).toBe('django==4.2.16');
  });
});
