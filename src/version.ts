/**
 * TOOL_VERSION is pipwarden's own version, read from package.json so there is one place to bump it.
 */
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** TOOL_VERSION is the version of this pipwarden build. */
export const TOOL_VERSION: string = packageJson.version;
