/**
 * The README documents every configuration key, every code rule and every CLI command: these tests keep
 * it true as the code grows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS } from '../src/code/catalog.js';
import { USAGE } from '../src/cli.js';
import { configSchema } from '../src/config/schema.js';
import { RISK_KINDS } from '../src/risks/index.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** keysOf lists the dotted keys of a zod object schema, one level of nesting deep (`code.exclude`). */
function keysOf(): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(configSchema.shape)) {
    // Unwrap defaults/prefaults/optionals to reach a nested object's shape.
    let inner: unknown = value;
    for (let i = 0; i < 5 && inner && typeof inner === 'object' && 'def' in inner; i++) {
      const def = (inner as { def: { innerType?: unknown; in?: unknown; shape?: Record<string, unknown> } }).def;
      if (def.shape) break;
      inner = def.innerType ?? def.in;
    }
    const shape = (inner as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
    // A section is documented by its keys (`code.exclude`); a plain key by itself (`failOn`).
    if (shape) for (const nested of Object.keys(shape)) keys.push(`${key}.${nested}`);
    else keys.push(key);
  }
  return keys;
}

describe('README', () => {
  it('documents every configuration key', () => {
    const keys = keysOf();
    expect(keys).toContain('code.exclude');
    expect(keys).toContain('licenses.deniedCategories');
    for (const key of keys) expect(README, key).toContain(`\`${key}\``);
  });

  it('lists every code rule and secret detector', () => {
    for (const doc of RULE_DOCS) expect(README, doc.id).toContain(`\`${doc.id}\``);
  });

  it('lists every risk kind', () => {
    for (const kind of RISK_KINDS) expect(README, kind).toContain(`| \`${kind}\` |`);
  });

  it('documents every CLI command of the usage text', () => {
    for (const command of ['audit [DIR]', 'licenses [DIR]', 'serve', 'db update']) {
      expect(USAGE).toContain(command);
      expect(README).toContain(`pipwarden ${command.split(' ')[0]}`);
    }
  });
});
