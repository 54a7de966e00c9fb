import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from './helpers/report-schema.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MONOREPO = fileURLToPath(new URL('./fixtures/monorepo', import.meta.url));
const ADVISORY_DB = fileURLToPath(new URL('./fixtures/advisory-db', import.meta.url));

// The `pipwarden` bin runs the compiled CLI: build it as `npm ci` (prepare) does, then run it as npx would.
describe('the pipwarden bin', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  }, 120_000);

  it('audits a folder and prints a contract-valid report', () => {
    const result = spawnSync(process.execPath, ['bin/pipwarden.js', 'audit', MONOREPO, '--format', 'json', '--offline', '--advisory-db', ADVISORY_DB], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { vulnerabilities: unknown[] };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.vulnerabilities).toHaveLength(3);
  });

  it('exits 2 on a usage error', () => {
    const result = spawnSync(process.execPath, ['bin/pipwarden.js', 'audit', '--nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: pipwarden');
  });
});
