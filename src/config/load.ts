/**
 * Reading `.github/pipwarden.yml`: YAML parsed with positions, validated by the schema. A bad file
 * yields errors that name the key and its line, never an exception.
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Problem } from '../manifests/types.js';
import { configSchema, DEFAULT_CONFIG, type PipwardenConfig } from './schema.js';

/** CONFIG_PATH is where a repository keeps its configuration. */
export const CONFIG_PATH = '.github/pipwarden.yml';

/** ConfigResult is the configuration, or the defaults plus what was wrong with the file. */
export interface ConfigResult {
  config: PipwardenConfig;
  errors: Problem[];
}

/** parseConfig validates configuration text (YAML). */
export function parseConfig(text: string, path = CONFIG_PATH): ConfigResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      config: DEFAULT_CONFIG,
      errors: document.errors.map((e) => ({ message: `invalid YAML: ${e.message.split('\n')[0] ?? ''}`, path, line: lineCounter.linePos(e.pos[0]).line })),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // The yaml library refuses alias bombs ("billion laughs") with a ReferenceError.
    return { config: DEFAULT_CONFIG, errors: [{ message: `invalid YAML: ${(error as Error).message}`, path, line: 1 }] };
  }
  return validateConfig(value, path, (keyPath) => {
    const node = document.getIn(keyPath, true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  });
}

/**
 * validateConfig checks an already-parsed configuration (Probot's `context.config` hands over an
 * object). `lineOf` maps a key path to its line when the text is known.
 */
export function validateConfig(
  value: unknown,
  path = CONFIG_PATH,
  lineOf: (keyPath: Array<string | number>) => number | undefined = () => undefined,
): ConfigResult {
  const result = configSchema.safeParse(value);
  if (result.success) return { config: result.data, errors: [] };
  const errors = result.error.issues.map((issue) => {
    const keyPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const key = [...keyPath, ...keys.slice(0, 1)].join('.') || '(top level)';
    const line = lineOf(keys.length > 0 ? [...keyPath, keys[0] ?? ''] : keyPath) ?? lineOf(keyPath.slice(0, -1));
    const message = issue.code === 'unrecognized_keys' ? `unknown key "${key}"` : `${key}: ${issue.message}`;
    return line === undefined ? { message, path } : { message, path, line };
  });
  return { config: DEFAULT_CONFIG, errors };
}
