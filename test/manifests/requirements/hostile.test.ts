import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, parseRequirementsFile } from '../../../src/manifests/requirements/index.js';
import type { Manifest } from '../../../src/manifests/types.js';

function parse(content: string): Manifest {
  return parseRequirementsFile({ path: 'requirements.txt', content });
}

/** Deterministic pseudo-random bytes (a linear congruential generator), so failures reproduce. */
function garbage(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

function expectWellFormedProblems(manifest: Manifest): void {
  expect(manifest.errors.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  for (const error of manifest.errors) {
    expect(error.path).toBe('requirements.txt');
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.message.length).toBeLessThan(400);
    // eslint-disable-next-line no-control-regex -- checking that no raw control character leaks.
    expect(error.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  }
}

describe('parseRequirementsFile: hostile input', () => {
  it('survives binary garbage with NUL bytes and still reads the valid lines after it', () => {
    const bytes = Buffer.concat([garbage(200_000, 7), Buffer.from('\0\0\0\nrequests==2.31.0\n')]);
    const content = bytes.toString('utf8');
    expect(content).toContain('\0');
    const manifest = parse(content);
    expectWellFormedProblems(manifest);
    const lastLine = content.split(/\r\n|\r|\n/).length - 1;
    const requests = manifest.requirements.find((r) => r.name === 'requests');
    expect(requests).toMatchObject({ specifier: '==2.31.0', lines: { start: lastLine, end: lastLine } });
  });

  it('reads a 100,000-line file', { timeout: 60_000 }, () => {
    const content = Array.from({ length: 100_000 }, (_, i) => `pkg${i}==1.${i}`).join('\r\n');
    const manifest = parse(content);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(100_000);
    expect(manifest.requirements[99_999]).toMatchObject({ name: 'pkg99999', version: '1.99999', lines: { start: 100_000, end: 100_000 } });
  });

  it('caps the problems of a 100,000-line invalid file and says how many were left out', () => {
    const content = Array.from({ length: 100_000 }, (_, i) => `==${i}`).join('\n');
    const manifest = parse(content);
    expect(manifest.errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(manifest.errors[0]).toMatchObject({ line: 1 });
    expect(manifest.errors[MAX_PROBLEMS]).toEqual({
      message: `${100_000 - MAX_PROBLEMS} more problems not shown, from line ${MAX_PROBLEMS + 1} on`,
      path: 'requirements.txt',
      line: MAX_PROBLEMS + 1,
    });
  });

  it.each([
    ['a name', 'a'.repeat(1_000_000)],
    ['a version', `requests==${'1'.repeat(1_000_000)}`],
    ['specifier clauses', `x${'>=1,'.repeat(250_000)}<2`],
    ['brackets', `foo${'['.repeat(1_000_000)}`],
    ['nested parentheses', `foo ${'('.repeat(500_000)}>=1${')'.repeat(500_000)}`],
    ['a URL', `https://h/${'a/'.repeat(500_000)}p-1.0.tar.gz`],
    ['a direct reference', `x @ ${'h'.repeat(1_000_000)}`],
  ])('rejects a 1 MB single line (%s) quickly, with a short message', (_, content) => {
    const started = Date.now();
    const manifest = parse(content);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([
      { message: `requirement is too long (${content.length} characters); not read`, path: 'requirements.txt', line: 1 },
    ]);
  });

  it('reads 1 MB of options on one line without trouble', () => {
    const manifest = parse(`x==1 ${'--hash=sha256:abcd '.repeat(50_000)}`);
    expect(manifest.requirements[0]?.hashes).toEqual(['sha256:abcd']);
    const quoted = parse(`x==1 --config-settings="${'a'.repeat(1_000_000)}`);
    expect(quoted.requirements).toHaveLength(1);
    expectWellFormedProblems(quoted);
    const unknown = parse(`--${'x'.repeat(1_000_000)}`);
    expectWellFormedProblems(unknown);
    expect(unknown.errors[0]?.message).toMatch(/^unknown option --x+\.\.\.$/);
  });

  it('reads 1 MB of whitespace and of "#" runs', () => {
    expect(parse(`${' '.repeat(1_000_000)}x`).requirements[0]?.name).toBe('x');
    expect(parse(`${'\t'.repeat(1_000_000)}`).requirements).toEqual([]);
    expect(parse('a #'.repeat(300_000)).requirements.map((r) => r.name)).toEqual(['a']);
  });

  it('joins 100,000 continuation lines into one requirement with an exact range', () => {
    const content = `pkg==1.0 \\\n${'  --hash=sha256:ab \\\n'.repeat(100_000)}  --hash=sha256:cd\n`;
    const manifest = parse(content);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements[0]).toMatchObject({ name: 'pkg', lines: { start: 1, end: 100_002 }, hashes: ['sha256:ab', 'sha256:cd'] });
  });

  it('handles a backslash at the end of the file', () => {
    expect(parse('requests==2.0 \\').requirements[0]?.lines).toEqual({ start: 1, end: 1 });
    expect(parse('requests==2.0\n\\')).toMatchObject({ errors: [], requirements: [{ name: 'requests' }] });
    expect(parse('\\\\\\')).toMatchObject({ errors: [], requirements: [] });
    expect(parse(`${'\\\n'.repeat(100_000)}requests==1`).requirements[0]?.lines).toEqual({ start: 1, end: 100_001 });
  });

  it('survives lone surrogates, control characters and unusual whitespace', () => {
    const manifest = parse('\ud800==1\n\u0007bell\nok==1\u00a0\n\u2028x==2\n\x1b[31mred\n');
    expectWellFormedProblems(manifest);
    expect(manifest.requirements.map((r) => r.name)).toContain('ok');
  });
});
