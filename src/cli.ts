/**
 * The command line: `pipwarden audit [DIR]` runs the same engine as the app on a local folder.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { downloadOfflineDatabase, OSV_PYPI_DUMP_URL } from './advisories/db-update.js';
import { buildAdvisorySources, defaultCacheDir } from './advisories/sources.js';
import { CONFIG_PATH, parseConfig } from './config/load.js';
import { HttpClient } from './http/client.js';
import { decodeText } from './sources/text.js';
import { auditRepository } from './audit.js';
import { PipwardenError, UsageError } from './errors.js';
import { jsonReporter } from './report/json.js';
import { markdownReporter } from './report/markdown.js';
import type { Reporter } from './report/reporter.js';
import { SEVERITY_ORDER, type Report, type Severity } from './report/types.js';
import { LocalRepoFiles } from './sources/local.js';
import { TOOL_VERSION } from './version.js';

const REPORTERS: readonly Reporter[] = [jsonReporter, markdownReporter];

/** USAGE is the help text; the README's CLI reference says the same. */
export const USAGE = `Usage: pipwarden <command> [options]

Commands:
  audit [DIR]            Audit the Python dependency files under DIR (default: .)
  db update              Download the OSV PyPI database into the cache folder, for --offline runs

Options for audit:
  -f, --format FORMAT    Output format: ${REPORTERS.map((r) => r.name).join(', ')} (default: markdown)
  -o, --output FILE      Write the report to FILE instead of standard output
      --fail-on LEVEL    Exit 1 when a finding is at or above LEVEL: ${SEVERITY_ORDER.join(', ')}
                         (default: failOn of .github/pipwarden.yml, else never)
      --advisory-db PATH Use this offline OSV database (a folder of OSV files or an all.zip)
                         instead of the OSV API (env PIPWARDEN_ADVISORY_DB)
      --offline          Make no network call; advisories come from --advisory-db or the
                         database that "pipwarden db update" stored
  -h, --help             Show this help
  -v, --version          Show the version

Exit codes: 0 fine, 1 findings at or above --fail-on, 2 usage or fatal error.`;

/** CliIo is where the CLI writes; tests capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  env: process.env,
};

/** main runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`pipwarden: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const message = error instanceof PipwardenError ? error.message : (error as Error).message;
    io.stderr(`pipwarden: ${message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'advisory-db': { type: 'string' },
        offline: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command === undefined) throw new UsageError('missing command');
  const cacheDir = defaultCacheDir(io.env, homedir());
  if (command === 'db') {
    if (rest.length !== 1 || rest[0] !== 'update') throw new UsageError('expected "db update"');
    const url = io.env.PIPWARDEN_OSV_DUMP_URL ?? OSV_PYPI_DUMP_URL;
    const saved = await downloadOfflineDatabase({ http: new HttpClient(), cacheDir, url });
    io.stdout(`Saved ${(saved.size / 1024 / 1024).toFixed(1)} MB to ${saved.path}\n`);
    return 0;
  }
  if (command !== 'audit') throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 1) throw new UsageError(`audit takes one folder, got ${rest.length}`);

  const reporter = chooseReporter(values.format);
  const failOnFlag = values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']);
  const dir = path.resolve(rest[0] ?? '.');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`"${rest[0] ?? '.'}" is not a folder`);

  const files = new LocalRepoFiles(dir);
  const configFile = await files.readFile(CONFIG_PATH);
  const configText = configFile.ok ? decodeText(configFile.bytes) : undefined;
  const { config, errors: configErrors } = configText?.ok ? parseConfig(configText.text) : parseConfig('');
  const failOn = failOnFlag ?? (configText?.ok ? config.failOn : undefined);
  const sources = buildAdvisorySources({
    offline: values.offline ?? false,
    advisoryDb: values['advisory-db'] ?? io.env.PIPWARDEN_ADVISORY_DB,
    osvUrl: io.env.PIPWARDEN_OSV_URL,
    cacheDir,
    githubToken: io.env.GITHUB_TOKEN,
  });
  const report = await auditRepository(files, { now: io.now(), rootLabel: rest[0] ?? '.', sources, config, configErrors });
  const output = reporter.render(report);
  if (values.output) await writeFile(values.output, output);
  else io.stdout(output);

  if (report.summary.problems > 0) io.stderr(`pipwarden: ${report.summary.problems} problem(s); see the report\n`);
  // A failed advisory source means the result is incomplete: never let it pass for clean.
  if (!report.summary.vulnerabilitiesChecked) return 2;
  return failOn && hasFindingAtOrAbove(report, failOn) ? 1 : 0;
}

function chooseReporter(format: string | undefined): Reporter {
  const name = format ?? 'markdown';
  const reporter = REPORTERS.find((r) => r.name === name);
  if (!reporter) throw new UsageError(`unknown format "${name}" (expected ${REPORTERS.map((r) => r.name).join(', ')})`);
  return reporter;
}

function parseSeverity(value: string): Severity {
  const severity = SEVERITY_ORDER.find((s) => s === value.toLowerCase());
  if (!severity) throw new UsageError(`unknown severity "${value}" for --fail-on (expected ${SEVERITY_ORDER.join(', ')})`);
  return severity;
}

/** hasFindingAtOrAbove: any unsuppressed vulnerability at least as severe as the threshold. */
function hasFindingAtOrAbove(report: Report, threshold: Severity): boolean {
  const limit = SEVERITY_ORDER.indexOf(threshold);
  return report.vulnerabilities.some((v) => !v.suppressed && SEVERITY_ORDER.indexOf(v.severity) <= limit);
}
