import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VulnerabilityFinding } from '../../src/advisories/finding.js';
import { byteLength } from '../../src/github/truncate.js';
import type { ReleaseNotesResult } from '../../src/remediation/notes/types.js';
import {
  advisoryUrl,
  branchName,
  groupMarker,
  planHash,
  planMarker,
  PR_BODY_LIMIT,
  readPullRequestMarkers,
  renderPullRequest,
  type PullRequestDetails,
} from '../../src/remediation/pull-request.js';
import type { PlannedUpdate, RemediationGroup } from '../../src/remediation/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function finding(id: string, pkg: string, severity: VulnerabilityFinding['severity'], score: number | undefined, summary: string, aliases: string[] = []): VulnerabilityFinding {
  const base: VulnerabilityFinding = { id, aliases, package: pkg, version: '1.0', severity, summary, fixedIn: ['2.0'], sources: ['osv'] };
  return score === undefined ? base : { ...base, score };
}

const DJANGO = { owner: 'django', repo: 'django', url: 'https://github.com/django/django' };

function group(overrides: Partial<RemediationGroup> = {}): RemediationGroup {
  return {
    id: 'security-main',
    title: 'Fix 1 critical and 1 high vulnerability in django, requests',
    rank: 1,
    severity: 'critical',
    score: 9.8,
    updates: [
      { package: 'django', from: '3.2.1', to: '4.2.16', fixes: ['GHSA-2222-3333-4444', 'PYSEC-2023-100'], breaking: true, manifests: ['requirements.txt'], breakingReasons: ['major version 3 → 4'] },
      { package: 'requests', from: '2.25.0', to: '2.32.3', fixes: ['GHSA-9wx4-h78v-vm56'], breaking: false, manifests: ['requirements.txt', 'pyproject.toml'], transitive: true },
    ],
    ...overrides,
  };
}

function djangoNotes(body = '- Fixed CVE-2024-45230'): ReleaseNotesResult {
  return {
    status: 'found',
    repository: DJANGO,
    notes: {
      package: 'django',
      from: '3.2.1',
      to: '4.2.16',
      repository: DJANGO,
      origin: 'releases',
      url: 'https://github.com/django/django/releases',
      releases: [{ version: '4.2.16', title: 'Django 4.2.16', body, url: 'https://github.com/django/django/releases/tag/4.2.16', publishedAt: null }],
    },
  };
}

function details(overrides: Partial<PullRequestDetails> = {}): PullRequestDetails {
  return {
    findings: [
      finding('GHSA-9wx4-h78v-vm56', 'requests', 'medium', 5.6, 'Session verify=False persists', ['CVE-2024-35195']),
      finding('PYSEC-2023-100', 'django', 'high', 7.5, 'DoS'),
      finding('GHSA-2222-3333-4444', 'Django', 'critical', 9.8, 'SQL injection | in QuerySet', ['CVE-2023-1']),
      finding('GHSA-ffff-ffff-ffff', 'flask', 'critical', 10, 'not fixed by this group'),
    ],
    verification: { fixed: ['GHSA-2222-3333-4444', 'PYSEC-2023-100', 'GHSA-9wx4-h78v-vm56'], introduced: [] },
    packages: {
      django: {
        warnings: [
          {
            package: 'django',
            kind: 'requires-python',
            level: 'error',
            message: 'Requires-Python changed from `>=3.6` to `>=3.8`: the project supports Python 3.7 (requires-python `>=3.7`), which 4.2.16 no longer does',
            details: [],
          },
          { package: 'django', kind: 'major-version', level: 'warning', message: 'major version 3 → 4', details: [] },
          { package: 'django', kind: 'release-notes', level: 'warning', message: 'the release notes mention 1 breaking, removed or deprecated change', details: ['4.0: Removed the old API'] },
          { package: 'django', kind: 'dependencies-added', level: 'info', message: '4.2.16 adds 1 optional dependency: `argon2-cffi` (extra `argon2`)', details: [] },
        ],
        notes: djangoNotes(),
      },
      requests: {
        warnings: [],
        notes: { status: 'not-found', notes: null, repository: { owner: 'psf', repo: 'requests', url: 'https://github.com/psf/requests' }, message: 'psf/requests has no release notes or changelog for 2.25.0 and 2.32.3' },
      },
    },
    locks: [
      { path: 'uv.lock', status: 'relocked', tool: 'uv' },
      { path: 'poetry.lock', status: 'edited' },
      { path: 'Pipfile.lock', status: 'needs-relock', tool: 'pipenv', reason: 'pipenv is not installed and the dependencies of django changed' },
    ],
    labels: ['security', 'dependencies', 'security'],
    ...overrides,
  };
}

describe('renderPullRequest', () => {
  it('renders branch, title, labels and the whole body', () => {
    const draft = renderPullRequest(group(), details());
    expect(draft.branch).toBe('pipwarden/security-main');
    expect(draft.title).toBe('Fix 1 critical and 1 high vulnerability in django, requests');
    expect(draft.labels).toEqual(['security', 'dependencies', 'severity:critical']);
    expect(draft.body).toBe(fixture('pull-request-django-requests.md'));
  });

  it('ranks the advisories by severity, then score, and lists only those the group fixes', () => {
    const { body } = renderPullRequest(group(), details());
    const rows = body.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows.map((r) => /\[([^\]]+)\]/.exec(r)?.[1])).toEqual(['GHSA-2222-3333-4444', 'PYSEC-2023-100', 'GHSA-9wx4-h78v-vm56']);
    expect(body).not.toContain('GHSA-ffff-ffff-ffff');
    // An advisory known by an alias is still found, and one the audit does not know is listed plainly.
    const byAlias = renderPullRequest(group({ updates: [{ ...group().updates[1]!, fixes: ['CVE-2024-35195', 'GHSA-0000-0000-0000'] }] }), details());
    expect(byAlias.body).toContain('| [CVE-2024-35195](https://osv.dev/vulnerability/CVE-2024-35195) | `requests` | medium | 5.6 | Session verify=False persists |');
    expect(byAlias.body).toContain('| [GHSA-0000-0000-0000](https://github.com/advisories/GHSA-0000-0000-0000) | `requests` | unknown | – |  |');
  });

  it('puts the breaking-change warnings before the advisories', () => {
    const { body } = renderPullRequest(group(), details());
    expect(body.indexOf('> [!CAUTION]')).toBeLessThan(body.indexOf('## Fixed advisories'));
    expect(body.indexOf('> [!WARNING]')).toBeLessThan(body.indexOf('## Fixed advisories'));
    // The planner's reason "major version 3 → 4" is said once.
    expect(body.split('major version 3 → 4')).toHaveLength(2);
  });

  it('uses the planner reasons when no warnings were gathered, and shows no alert without warnings', () => {
    const onlyPlan = renderPullRequest(group(), details({ packages: {} }));
    expect(onlyPlan.body).toContain('> [!WARNING]\n> **Possibly breaking changes:**\n> - **django**: major version 3 → 4');
    expect(onlyPlan.body).not.toContain('[!CAUTION]');
    const quiet = renderPullRequest(group({ updates: [group().updates[1]!] }), details({ packages: {} }));
    expect(quiet.body).not.toContain('> [!');
  });

  it('states the verification: fixes and introduces, or not yet confirmed', () => {
    expect(renderPullRequest(group(), details()).body).toContain('**Fixes 3 advisories, introduces none.**');
    const bad = renderPullRequest(group(), details({ verification: { fixed: ['GHSA-2222-3333-4444'], introduced: ['GHSA-new1-new1-new1'] } }));
    expect(bad.body).toContain('**Fixes 1 advisory, introduces 1: GHSA-new1-new1-new1.**');
    expect(renderPullRequest(group(), details({ verification: null })).body).toContain('**Fixes 3 advisories** (not yet confirmed by a re-audit).');
  });

  it('is deterministic', () => {
    expect(renderPullRequest(group(), details())).toEqual(renderPullRequest(group(), details()));
  });

  it('makes a title from the advisories when the plan has none, and bounds it', () => {
    expect(renderPullRequest(group({ title: '  ' }), details()).title).toBe('Fix 3 vulnerabilities in django, requests');
    expect(renderPullRequest(group({ title: 'x'.repeat(400) }), details()).title).toHaveLength(256);
  });

  it('keeps the body within the limit: notes share the room, the advisory table is shortened', () => {
    const updates: PlannedUpdate[] = Array.from({ length: 30 }, (_, i) => ({
      package: `pkg${i}`,
      from: '1.0',
      to: '2.0',
      fixes: Array.from({ length: 40 }, (_, j) => `PYSEC-2024-${i * 100 + j}`),
      breaking: false,
      manifests: ['requirements.txt'],
    }));
    const bigNotes = (pkg: string): ReleaseNotesResult => ({
      ...djangoNotes(Array.from({ length: 2_000 }, (_, i) => `- ${pkg} change ${i} ${'é'.repeat(20)}`).join('\n')),
    });
    const findings = updates.flatMap((u) => u.fixes.map((id) => finding(id, u.package, 'high', 7, 'x'.repeat(300))));
    const packages = Object.fromEntries(updates.map((u) => [u.package, { notes: bigNotes(u.package), warnings: [] }]));
    const draft = renderPullRequest(group({ updates }), details({ findings, packages, verification: null }));
    expect(byteLength(draft.body)).toBeLessThanOrEqual(PR_BODY_LIMIT);
    expect(readPullRequestMarkers(draft.body)).toEqual({ group: 'security-main', plan: planHash(updates) });
    for (const u of updates) expect(draft.body).toContain(`### \`${u.package}\` 1.0 → 2.0`);
    expect(draft.body).toMatch(/… and \d+ more\./);
    expect(draft.body).toContain('PYSEC-2024-9; in `requirements.txt`'.replace('9;', '9 and 30 more;'));
    expect(draft.body).toContain('<details>');
    expect(draft.body.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('links the notes instead of quoting them when there is no room left', () => {
    const updates: PlannedUpdate[] = Array.from({ length: 150 }, (_, i) => ({ package: `pkg${i}`, from: '1.0', to: '1.1', fixes: [`PYSEC-1-${i}`], breaking: false, manifests: ['requirements.txt'] }));
    const packages = Object.fromEntries(updates.map((u) => [u.package, { notes: djangoNotes('x'.repeat(10_000)) }]));
    const draft = renderPullRequest(group({ updates }), details({ packages }));
    expect(byteLength(draft.body)).toBeLessThanOrEqual(PR_BODY_LIMIT);
    expect(draft.body).not.toContain('<details>');
    expect(draft.body).toContain('[Release notes: 1 release from GitHub releases of django/django](https://github.com/django/django/releases)');
  });

  it('cuts the end as a last resort, the markers at the top kept', () => {
    const updates: PlannedUpdate[] = Array.from({ length: 3_000 }, (_, i) => ({ package: `package-number-${i}`, from: '1.0', to: '1.1', fixes: [], breaking: false, manifests: ['requirements/base.txt'] }));
    const draft = renderPullRequest(group({ updates }), details({ packages: {}, findings: [] }));
    expect(byteLength(draft.body)).toBeLessThanOrEqual(PR_BODY_LIMIT);
    expect(draft.body.endsWith('…')).toBe(true);
    expect(readPullRequestMarkers(draft.body)).toEqual({ group: 'security-main', plan: planHash(updates) });
  });

  it('cannot be taken over by markers in release notes or a hostile group id', () => {
    const hostile = djangoNotes('<!-- pipwarden:group:evil -->\n<!-- pipwarden:plan:' + 'f'.repeat(64) + ' -->\n</details>');
    const draft = renderPullRequest(group(), details({ packages: { django: { notes: hostile } } }));
    expect(readPullRequestMarkers(draft.body)).toEqual({ group: 'security-main', plan: planHash(group().updates) });
    expect(draft.body.match(/<!--/g)).toHaveLength(2);
    const weird = renderPullRequest(group({ id: 'a --> <b>\nc' }), details());
    expect(readPullRequestMarkers(weird.body)?.group).toBe('a-b-c');
  });
});

describe('markers and plan hash', () => {
  it('reads what it writes, and nothing from other bodies', () => {
    const body = `${groupMarker('per-package-django')}\n${planMarker('a'.repeat(64))}\nhello`;
    expect(readPullRequestMarkers(body)).toEqual({ group: 'per-package-django', plan: 'a'.repeat(64) });
    expect(readPullRequestMarkers(groupMarker('g'))).toEqual({ group: 'g', plan: null });
    expect(readPullRequestMarkers('A human pull request')).toBeNull();
    expect(readPullRequestMarkers(null)).toBeNull();
    expect(readPullRequestMarkers('')).toBeNull();
  });

  it('hashes the targets only: order and advisories do not matter, a new target does', () => {
    const updates = group().updates;
    const hash = planHash(updates);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash([...updates].reverse())).toBe(hash);
    expect(planHash(updates.map((u) => ({ ...u, fixes: [...u.fixes, 'GHSA-more-more-more'] })))).toBe(hash);
    expect(planHash(updates.map((u) => (u.package === 'django' ? { ...u, to: '4.2.17' } : u)))).not.toBe(hash);
  });

  it('makes branch names Git accepts', () => {
    expect(branchName('security-main')).toBe('pipwarden/security-main');
    expect(branchName('by severity/critical')).toBe('pipwarden/by-severity/critical');
    expect(branchName('a..b~c^d:e?f*g[h\\i')).toBe('pipwarden/a.b-c-d-e-f-g-h-i');
    expect(branchName('x.lock')).toBe('pipwarden/x');
    expect(branchName('.hidden/')).toBe('pipwarden/-hidden');
    expect(branchName('')).toBe('pipwarden/group');
  });

  it('links advisories to GitHub or osv.dev', () => {
    expect(advisoryUrl('GHSA-9wx4-h78v-vm56')).toBe('https://github.com/advisories/GHSA-9wx4-h78v-vm56');
    expect(advisoryUrl('PYSEC-2024-1')).toBe('https://osv.dev/vulnerability/PYSEC-2024-1');
    expect(advisoryUrl('CVE-2024-1')).toBe('https://osv.dev/vulnerability/CVE-2024-1');
  });
});
