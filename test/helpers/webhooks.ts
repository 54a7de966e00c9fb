/**
 * webhookExample is a real webhook payload from `@octokit/webhooks-examples` (GitHub's documented
 * examples), deep-copied so a test can adjust it freely.
 */
import { createRequire } from 'node:module';

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const require = createRequire(import.meta.url);
const groups = require('@octokit/webhooks-examples') as ExampleGroup[];

/** webhookExample returns the first example of `event` (with `action`, when given). */
export function webhookExample<T = Record<string, unknown>>(event: string, action?: string): T {
  const group = groups.find((g) => g.name === event);
  const example = group?.examples.find((e) => action === undefined || e.action === action);
  if (!example) throw new Error(`no webhook example for ${event}${action ? `.${action}` : ''}`);
  return structuredClone(example) as T;
}
