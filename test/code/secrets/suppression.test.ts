import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../src/code/secrets/index.js';
import { isSuppressedLine } from '../../../src/code/secrets/suppression.js';
import { FAKE, readFixture } from './fake-secrets.js';

describe('suppression', () => {
  it('skips lines marked # nosec, pipwarden:allow-secret, gitleaks:allow or # nosec <this rule>', () => {
    const findings = scanSecrets('suppressed.py', readFixture('suppressed.py'));
    // Only the line whose `# nosec` names another test (bandit's B602) is still reported.
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['secret.twilio-api-key', 5]]);
  });

  it('works in files without comments (JSON) through the marker in a value', () => {
    const text = `{\n  "token": "${FAKE.GITHUB_PAT_CLASSIC.value}", "_note": "pipwarden:allow-secret"\n}`;
    expect(scanSecrets('fixture.json', text)).toEqual([]);
  });

  it('only silences its own line', () => {
    const text = `# pipwarden:allow-secret\nGITHUB_TOKEN=${FAKE.GITHUB_PAT_CLASSIC.value}`;
    expect(scanSecrets('.env', text).map((f) => f.line)).toEqual([2]);
  });

  it('silences a private key from its BEGIN line', () => {
    const text = readFixture('deploy-key.pem').replace('-----\n', '----- gitleaks:allow\n');
    expect(scanSecrets('deploy-key.pem', text)).toEqual([]);
  });

  it.each([
    ['x = 1  # nosec', 'secret.generic', true],
    ['x = 1  #nosec', 'secret.generic', true],
    ['x = 1  # nosec secret.generic', 'secret.generic', true],
    ['x = 1  # nosec: secret.github-token, B105', 'secret.generic', false],
    ['x = 1  # nosec B105', 'secret.generic', false],
    ['x = 1  # nosecurity review', 'secret.generic', false],
    ['x = 1  // gitleaks:allow', 'secret.npm-token', true],
    ['x = 1', 'secret.generic', false],
  ])('isSuppressedLine(%j, %s) is %s', (line, rule, expected) => {
    expect(isSuppressedLine(line, rule)).toBe(expected);
  });
});
