import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAdvisorySources } from '../../src/advisories/sources.js';
import { auditRepository } from '../../src/audit.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { verifyRemediation } from '../../src/remediation/verify.js';
import type { RemediationGroup } from '../../src/remediation/types.js';
import { MemoryRepoFiles } from '../../src/sources/memory.js';
import { OverlayRepoFiles } from '../../src/sources/overlay.js';

const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));
const sources = buildAdvisorySources({ offline: true, advisoryDb: ADVISORY_DB, cacheDir: '/nonexistent' });
const config = { ...DEFAULT_CONFIG, code: { ...DEFAULT_CONFIG.code, enabled: false }, secrets: { ...DEFAULT_CONFIG.secrets, enabled: false } };
const audit = (files: MemoryRepoFiles | OverlayRepoFiles) => auditRepository(files, { now: new Date('2026-11-29T00:00:00Z'), rootLabel: 'repo', sources, config });

const group = (to: string): RemediationGroup => ({
  id: 'security-root',
  title: 'Fix 1 high vulnerability in django',
  rank: 1,
  severity: 'high',
  updates: [{ package: 'django', from: '4.2.5', to, fixes: ['PYSEC-2024-28'], breaking: false, manifests: ['requirements.txt'] }],
});

describe('verifyRemediation', () => {
  const original = new MemoryRepoFiles({ 'requirements.txt': '# web\ndjango==4.2.5\nclick==8.1.7\n', 'src/app.py': 'print(1)\n' });

  it('accepts edits that remove the claimed advisory and add nothing', async () => {
    const before = await audit(original);
    const after = await audit(new OverlayRepoFiles(original, new Map([['requirements.txt', '# web\ndjango==4.2.10\nclick==8.1.7\n']])));
    expect(verifyRemediation(before, after, group('4.2.10'))).toEqual({ fixed: ['PYSEC-2024-28'], stillPresent: [], introduced: [], newLicenseViolations: [], ok: true });
  });

  it('refuses edits that leave the advisory in place', async () => {
    const before = await audit(original);
    const after = await audit(new OverlayRepoFiles(original, new Map([['requirements.txt', '# web\ndjango==4.2.9\nclick==8.1.7\n']])));
    const verdict = verifyRemediation(before, after, group('4.2.9'));
    expect(verdict.ok).toBe(false);
    expect(verdict.stillPresent).toEqual(['PYSEC-2024-28']);
    expect(verdict.reason).toBe('the edits leave PYSEC-2024-28 in place');
  });

  it('refuses edits that introduce a new advisory', async () => {
    const before = await audit(original);
    const after = await audit(new OverlayRepoFiles(original, new Map([['requirements.txt', '# web\ndjango==4.2.10\nclick==8.1.7\nrequests==2.31.0\n']])));
    const verdict = verifyRemediation(before, after, group('4.2.10'));
    expect(verdict.ok).toBe(false);
    expect(verdict.introduced).toEqual([expect.stringMatching(/ in requests 2\.31\.0$/)]);
  });

  it('refuses a re-audit that could not check advisories', async () => {
    const before = await audit(original);
    const after = await auditRepository(new OverlayRepoFiles(original, new Map([['requirements.txt', 'django==4.2.10\n']])), { now: new Date(), rootLabel: 'repo', sources: [], config });
    expect(verifyRemediation(before, after, group('4.2.10')).reason).toMatch(/incomplete/);
  });
});

describe('OverlayRepoFiles', () => {
  it('replaces, adds and deletes files over the base tree', async () => {
    const base = new MemoryRepoFiles({ 'a.txt': 'a', 'b.txt': 'b' });
    const overlay = new OverlayRepoFiles(base, new Map<string, string | null>([['a.txt', 'A'], ['c.txt', 'c'], ['b.txt', null]]));
    expect((await overlay.listFiles()).files.map((f) => f.path)).toEqual(['a.txt', 'c.txt']);
    const read = await overlay.readFile('a.txt');
    expect(read.ok && new TextDecoder().decode(read.bytes)).toBe('A');
    expect(await overlay.readFile('b.txt')).toMatchObject({ ok: false, missing: true });
    expect(await overlay.readFile('../etc/passwd')).toMatchObject({ ok: false });
    const all = await overlay.readAll(['a.txt', 'c.txt']);
    expect([...all.keys()]).toEqual(['a.txt', 'c.txt']);
  });
});
