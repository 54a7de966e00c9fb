import { describe, expect, it } from 'vitest';
import { SECRET_DETECTORS, SECRET_RULE_DOCS } from '../../../src/code/secrets/index.js';

describe('SECRET_RULE_DOCS', () => {
  it('documents one rule per detector, with unique secret.* ids and CWE-798', () => {
    expect(SECRET_RULE_DOCS).toHaveLength(SECRET_DETECTORS.length);
    const ids = SECRET_RULE_DOCS.map((doc) => doc.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const doc of SECRET_RULE_DOCS) {
      expect(doc.id).toMatch(/^secret\.[a-z0-9-]+$/);
      expect(doc.cwe).toBe(798);
      expect(doc.name.length).toBeGreaterThan(3);
    }
    expect(ids).toEqual([
      'secret.gcp-service-account',
      'secret.private-key',
      'secret.aws-access-key',
      'secret.aws-secret-key',
      'secret.google-api-key',
      'secret.azure-storage-key',
      'secret.github-token',
      'secret.gitlab-token',
      'secret.slack-token',
      'secret.slack-webhook',
      'secret.stripe-key',
      'secret.twilio-api-key',
      'secret.sendgrid-api-key',
      'secret.npm-token',
      'secret.pypi-token',
      'secret.openai-api-key',
      'secret.anthropic-api-key',
      'secret.database-url',
      'secret.generic',
    ]);
  });

  it('tells how to revoke or rotate, where to keep the secret, and how to silence a false positive', () => {
    for (const doc of SECRET_RULE_DOCS) {
      expect(doc.help, doc.id).toMatch(/\*\*Revoke or rotate it first\.\*\*/);
      expect(doc.help, doc.id).toMatch(/\*\*Keep it out of the repository\.\*\*/);
      expect(doc.help, doc.id).toContain('pipwarden:allow-secret');
      expect(doc.help, doc.id).toContain('git history');
    }
    const help = (id: string): string => SECRET_RULE_DOCS.find((doc) => doc.id === id)?.help ?? '';
    expect(help('secret.pypi-token')).toContain('Trusted Publishing');
    expect(help('secret.aws-access-key')).toContain('aws iam update-access-key');
    expect(help('secret.stripe-key')).toContain('sk_test_');
  });

  it('rates provider formats high/high and the generic guess medium/medium', () => {
    for (const detector of SECRET_DETECTORS) {
      const expected = detector.generic ? ['medium', 'medium'] : ['high', 'high'];
      expect([detector.severity, detector.confidence], detector.doc.id).toEqual(expected);
    }
  });
});
