/**
 * advisoryVersion names the state of the advisory data an audit would use: part of the fingerprint that
 * lets a sweep skip a repository whose dependency files, configuration and advisories did not change.
 * An offline database has a real version (its file's size and modification time). The OSV API and the
 * GitHub Advisory Database have none that is cheap to ask, so their version is the current UTC day: a
 * repository is re-audited against them at most once a day unless its files change, which matches the
 * default schedule.
 */
import { stat } from 'node:fs/promises';
import type { AppSettings } from './settings.js';

/** advisoryVersion is the version string of the advisory data at `now`. */
export async function advisoryVersion(settings: Pick<AppSettings, 'advisoryDb'>, now: Date): Promise<string> {
  if (settings.advisoryDb) {
    try {
      const info = await stat(settings.advisoryDb);
      return `offline:${info.size}:${info.mtimeMs}`;
    } catch {
      return `offline:missing`;
    }
  }
  return `online:${now.toISOString().slice(0, 10)}`;
}
