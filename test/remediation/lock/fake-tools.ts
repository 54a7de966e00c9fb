import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PackageRegistry, ProjectInfo } from '../../../src/registry/types.js';

/** ToolRecord is what a fake tool saw: its arguments, folder, files and environment. */
export interface ToolRecord {
  args: string[];
  cwd: string;
  files: string[];
  env: Record<string, string>;
}

/** FakeBin is a folder of fake tool executables, to put first on PATH. */
export class FakeBin {
  readonly dir: string;
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'pipwarden-fake-tools-'));
    this.dir = path.join(this.root, 'bin');
    mkdirSync(this.dir);
  }

  /** recordPath is where the fake tool `name` writes what it saw. */
  recordPath(name: string): string {
    return path.join(this.root, `${name}.record.json`);
  }

  /**
   * tool writes an executable node script named `name`: it records its arguments, folder, files and
   * environment, then runs `body` (CommonJS, with `fs`, `path` and `writeLock(name, text)` in scope).
   */
  tool(name: string, body: string): string {
    const file = path.join(this.dir, name);
    const script = [
      `#!${process.execPath}`,
      "const fs = require('node:fs');",
      "const path = require('node:path');",
      `fs.writeFileSync(${JSON.stringify(this.recordPath(name))}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), files: fs.readdirSync('.').sort(), env: process.env }));`,
      'function writeLock(file, text) { fs.writeFileSync(file, text); }',
      body,
    ].join('\n');
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    return file;
  }

  /** record reads what the fake tool `name` saw. */
  record(name: string): ToolRecord {
    return JSON.parse(readFileSync(this.recordPath(name), 'utf8')) as ToolRecord;
  }

  /** env is an environment whose PATH finds the fakes first, node and the system tools after. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: [this.dir, path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'), ...extra };
  }
}

/** fakeRegistry answers `project()` with releases uploaded at the given times (`name@version` → ISO). */
export function fakeRegistry(uploads: Record<string, string>): PackageRegistry & { asked: string[] } {
  const asked: string[] = [];
  return {
    baseUrl: 'https://pypi.org',
    asked,
    async project(name: string): Promise<ProjectInfo | null> {
      asked.push(name);
      const releases = Object.entries(uploads)
        .filter(([key]) => key.split('@')[0] === name)
        .map(([key, uploadTime]) => ({ version: key.split('@')[1] ?? '', files: [], uploadTime, yanked: false, yankedReason: null }));
      if (releases.length === 0) return null;
      return {
        name,
        latest: { name, version: releases[0]?.version ?? '', summary: null, licenseExpression: null, license: null, classifiers: [], requiresPython: null, requiresDist: [], projectUrls: {} },
        releases,
        status: null,
      };
    },
    async release() {
      return null;
    },
  };
}
