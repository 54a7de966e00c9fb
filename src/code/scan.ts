/**
 * scanCode is the code half of an audit: every Python file of the tree through the code rules, and every
 * text file through the secret detectors, under the repository's `code:` and `secrets:` settings and the
 * root pyproject's `[tool.bandit]`. Files are read in batches where the source can (GitHub), and a file
 * that cannot be read or parsed is a problem, never the end of the scan.
 */
import type { Problem } from '../manifests/types.js';
import { mapWithConcurrency } from '../http/pool.js';
import { MAX_FILE_BYTES } from '../sources/paths.js';
import { decodeText } from '../sources/text.js';
import type { FileListing, FileRead, RepoFiles } from '../sources/types.js';
import { CODE_RULES } from './catalog.js';
import { banditSettings, mergeCodeSettings, type CodeConfig } from './config.js';
import { scanPythonSource, selectRules } from './runner.js';
import { secretPathFilter, type SecretsConfig } from './secrets/config.js';
import { scanSecrets } from './secrets/index.js';
import type { CodeFinding } from './types.js';

/** MAX_SCANNED_FILES caps the files one scan reads, so a vendored monster repository stays affordable. */
export const MAX_SCANNED_FILES = 5_000;

/** MAX_SECRET_SCAN_BYTES skips bigger text files for secrets: data dumps, not configuration. */
export const MAX_SECRET_SCAN_BYTES = 1024 * 1024;

/** CodeScanResult is what the scan found, with the files it looked at. */
export interface CodeScanResult {
  findings: CodeFinding[];
  errors: Problem[];
  pythonFiles: number;
  secretFiles: number;
  /** Findings silenced by `# nosec`. */
  silenced: number;
}

/** CodeScanSettings are the repository's settings for the scan. */
export interface CodeScanSettings {
  code: CodeConfig;
  secrets: SecretsConfig;
  /** The root pyproject.toml's text, for `[tool.bandit]`. */
  rootPyproject: string | null;
}

const isPython = (path: string): boolean => /\.pyw?$/i.test(path);

/** scanCode scans a listed tree. */
export async function scanCode(files: RepoFiles, listing: FileListing, settings: CodeScanSettings): Promise<CodeScanResult> {
  const errors: Problem[] = [];
  const bandit = settings.rootPyproject === null ? null : banditSettings(settings.rootPyproject, 'pyproject.toml');
  if (bandit) errors.push(...bandit.problems);
  const code = mergeCodeSettings(settings.code, bandit?.settings ?? null);
  const wantsSecrets = secretPathFilter(settings.secrets);

  const python = code.enabled ? listing.files.filter((f) => isPython(f.path) && code.optionsFor(f.path) !== null) : [];
  const secretCandidates = listing.files.filter((f) => f.size <= MAX_SECRET_SCAN_BYTES && wantsSecrets(f.path));
  const wanted = [...new Set([...python, ...secretCandidates].filter((f) => f.size <= MAX_FILE_BYTES).map((f) => f.path))].sort();
  if (wanted.length > MAX_SCANNED_FILES) {
    errors.push({ message: `${wanted.length} files to scan for code and secrets: only the first ${MAX_SCANNED_FILES} (by path) were scanned` });
  }
  const paths = wanted.slice(0, MAX_SCANNED_FILES);
  const reads = await readEvery(files, paths);

  const pythonPaths = new Set(python.map((f) => f.path));
  const secretPaths = new Set(secretCandidates.map((f) => f.path));
  const rules = CODE_RULES;
  const findings: CodeFinding[] = [];
  let silenced = 0;
  let pythonFiles = 0;
  let secretFiles = 0;
  for (const path of paths) {
    const read = reads.get(path);
    if (!read || !read.ok) {
      if (read && !read.missing) errors.push({ path, message: read.error });
      continue;
    }
    const decoded = decodeText(read.bytes);
    if (!decoded.ok) continue; // Binary: neither Python nor a place for a readable secret.
    if (pythonPaths.has(path)) {
      const options = code.optionsFor(path);
      if (options) {
        pythonFiles++;
        try {
          const scan = await scanPythonSource(path, decoded.text, selectRules(rules, options), options);
          findings.push(...scan.findings);
          errors.push(...scan.errors);
          silenced += scan.silenced;
        } catch (error) {
          errors.push({ path, message: `the Python file could not be scanned: ${(error as Error).message}` });
        }
      }
    }
    if (secretPaths.has(path)) {
      secretFiles++;
      findings.push(...scanSecrets(path, decoded.text, { generic: settings.secrets.generic }));
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  return { findings, errors, pythonFiles, secretFiles, silenced };
}

async function readEvery(files: RepoFiles, paths: readonly string[]): Promise<Map<string, FileRead>> {
  if (files.readAll) return files.readAll(paths);
  const reads = await mapWithConcurrency(paths, 16, (path) => files.readFile(path));
  return new Map(paths.map((path, i) => [path, reads[i] ?? { ok: false, error: 'not read' }]));
}
