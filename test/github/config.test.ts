import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRunConfigSchema, codeScanningConfigSchema, GITHUB_CONFIG_SHAPE } from '../../src/github/config.js';

const sections = z.strictObject(GITHUB_CONFIG_SHAPE);

describe('GitHub configuration sections', () => {
  it('fills every default when the sections are absent', () => {
    expect(sections.parse({})).toEqual({
      checkRun: { annotations: true, maxAnnotations: 1_000, annotationLevel: 'notice' },
      codeScanning: { upload: true },
    });
  });

  it('keeps what is set and defaults the rest', () => {
    expect(sections.parse({ checkRun: { annotationLevel: 'failure' }, codeScanning: { upload: false } })).toEqual({
      checkRun: { annotations: true, maxAnnotations: 1_000, annotationLevel: 'failure' },
      codeScanning: { upload: false },
    });
  });

  it('refuses unknown keys and out-of-range values, naming the key', () => {
    const typo = checkRunConfigSchema.safeParse({ anotations: false });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['anotations'] });
    const tooMany = checkRunConfigSchema.safeParse({ maxAnnotations: 10_000 });
    expect(tooMany.error?.issues[0]?.path).toEqual(['maxAnnotations']);
    expect(checkRunConfigSchema.safeParse({ annotationLevel: 'error' }).success).toBe(false);
    expect(codeScanningConfigSchema.safeParse({ upload: 'yes' }).error?.issues[0]?.path).toEqual(['upload']);
  });
});
