import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_PATH, reportSchemaErrors } from './helpers/report-schema.js';

const SHARED_SCHEMA = new URL('../../shared/contracts/report.schema.json', import.meta.url);

describe('report schema', () => {
  it.skipIf(!existsSync(SHARED_SCHEMA))('is an exact copy of the shared contract', () => {
    expect(readFileSync(REPORT_SCHEMA_PATH, 'utf8')).toBe(readFileSync(SHARED_SCHEMA, 'utf8'));
  });

  it('rejects a report that breaks the contract (the validator is live)', () => {
    expect(reportSchemaErrors({ schemaVersion: 2 })).not.toEqual([]);
    expect(reportSchemaErrors({})).toContain(" must have required property 'tool'");
  });
});
