/**
 * The command line: `pipwarden audit [DIR]` runs the same engine as the app on a local folder;
 * `pipwarden licenses [DIR]` prints the attribution list; `pipwarden serve` runs the GitHub App;
 * `pipwarden db update` stores the offline advisory database.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { downloadOfflineDatabase, OSV_PYPI_DUMP_URL } from './advisories/db-update.js';
import { severityAtLeast } from './advisories/severity-threshold.js';
import { buildAdvisorySources, defaultCacheDir } from './advisories/sources.js';
import { RULE_DOCS } from './code/catalog.js';
import { CONFIG_PATH, parseConfig } from './config/load.js';
import type { PipwardenConfig } from './config/schema.js';
import { HttpClient } from './http/client.js';
import { ATTRIBUTION_FORMATS, checkLicenses, projectLicense, renderAttribution, type AttributionFormat } from './licenses/index.js';
import type { Problem } from './manifests/types.js';
import { PypiRegistry } from './registry/pypi.js';
import type { PackageRegistry } from './registry/types.js';
import { decodeText } from './sources/text.js';
import { auditRepository, readInventory } from './audit.js';
import { PipwardenError, UsageError } from './errors.js';
import { cyclonedxReporter } from './report/cyclonedx.js';
import { jsonReporter } from './report/json.js';
import { markdownReporter } from './report/markdown.js';
import type { Reporter } from './report/reporter.js';
import { createSarifReporter } from './report/sarif.js';
import { SEVERITY_ORDER, type Report, type Severity } from './report/types.js';
import { LocalRepoFiles } from './sources/local.js';
import { OverlayRepoFiles } from './sources/overlay.js';
import { applyGroup } from './remediation/apply.js';
import { relockSettings } from './remediation/relock-settings.js';
import { verifyRemediation } from './remediation/verify.js';
import { createTwoFilesPatch } from 'diff';
import { TOOL_VERSION } from './version.js';

const REPORTERS: readonly Reporter[] = [jsonReporter, markdownReporter, createSarifReporter(RULE_DOCS), cyclonedxReporter];

/** USAGE is the help text; the README's CLI reference says the same. */
export const USAGE = `Usage: pipwarden <command> [options]

Commands:
  audit [DIR]            Audit the Python project(s) under DIR (default: .): dependencies,
                         vulnerabilities, licenses, supply-chain risks, code and secrets
  fix [DIR]              Apply the remediation plan to the files under DIR: the same edits the
                         app's pull requests make, verified by a re-audit (--dry-run: print the
                         plan and the diffs, write nothing)
  licenses [DIR]         Print every dependency's license (an attribution list)
  serve                  Run the GitHub App (Probot; settings from the environment, see .env.example)
  db update              Download the OSV PyPI database into the cache folder, for --offline runs

Options for audit and licenses:
  -f, --format FORMAT    audit: ${REPORTERS.map((r) => r.name).join(', ')} (default: markdown)
                         licenses: ${ATTRIBUTION_FORMATS.join(', ')} (default: markdown)
  -o, --output FILE      Write to FILE instead of standard output
      --fail-on LEVEL    audit: exit 1 when a vulnerability is at or above LEVEL (${SEVERITY_ORDER.join(', ')})
                         or a license breaks the policy (default: failOn of .github/pipwarden.yml,
                         else never)
      --advisory-db PATH Use this offline OSV database (a folder of OSV files or an all.zip)
                         instead of the OSV API (env PIPWARDEN_ADVISORY_DB)
      --dry-run          fix: print the plan and the diffs instead of writing the files
      --offline          Make no network call: advisories come from --advisory-db or the database
                         "pipwarden db update" stored; licenses and PyPI-based risks are not checked
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

interface CliValues {
  format?: string | undefined;
  output?: string | undefined;
  'fail-on'?: string | undefined;
  'advisory-db'?: string | undefined;
  offline?: boolean | undefined;
  'dry-run'?: boolean | undefined;
  help?: boolean | undefined;
  version?: boolean | undefined;
}

function parse(argv: string[]): { values: CliValues; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'advisory-db': { type: 'string' },
        offline: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case undefined:
      throw new UsageError('missing command');
    case 'db':
      return dbUpdate(rest, io);
    case 'serve': {
      if (rest.length > 0) throw new UsageError('serve takes no arguments');
      // Loaded only here: the app pulls in Probot, which the other commands do not need.
      const { startServer } = await import('./server.js');
      await startServer(io.env);
      return 0;
    }
    case 'audit':
      return audit(rest, values, io);
    case 'licenses':
      return licenses(rest, values, io);
    case 'fix':
      return fix(rest, values, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function dbUpdate(rest: string[], io: CliIo): Promise<number> {
  if (rest.length !== 1 || rest[0] !== 'update') throw new UsageError('expected "db update"');
  const url = io.env.PIPWARDEN_OSV_DUMP_URL ?? OSV_PYPI_DUMP_URL;
  const saved = await downloadOfflineDatabase({ http: new HttpClient(), cacheDir: defaultCacheDir(io.env, homedir()), url });
  io.stdout(`Saved ${(saved.size / 1024 / 1024).toFixed(1)} MB to ${saved.path}\n`);
  return 0;
}

/** PreparedRun is a folder ready to audit, with its configuration and services. */
interface PreparedRun {
  files: LocalRepoFiles;
  label: string;
  config: PipwardenConfig;
  configErrors: Problem[];
  /** True when the folder has a configuration file (its failOn then applies). */
  configured: boolean;
  registry: PackageRegistry | null;
  /** The folder's absolute path. */
  root: string;
}

async function prepare(rest: string[], values: CliValues, io: CliIo, command: string): Promise<PreparedRun> {
  if (rest.length > 1) throw new UsageError(`${command} takes one folder, got ${rest.length}`);
  const dir = path.resolve(rest[0] ?? '.');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`"${rest[0] ?? '.'}" is not a folder`);
  const files = new LocalRepoFiles(dir);
  const configFile = await files.readFile(CONFIG_PATH);
  const configText = configFile.ok ? decodeText(configFile.bytes) : undefined;
  const { config, errors: configErrors } = configText?.ok ? parseConfig(configText.text) : parseConfig('');
  const registry = values.offline ? null : new PypiRegistry({ http: new HttpClient(), ...(io.env.PIPWARDEN_PYPI_URL ? { baseUrl: io.env.PIPWARDEN_PYPI_URL } : {}) });
  return { files, label: rest[0] ?? '.', config, configErrors, configured: configText?.ok === true, registry, root: dir };
}

async function emit(text: string, values: CliValues, io: CliIo): Promise<void> {
  if (values.output) await writeFile(values.output, text);
  else io.stdout(text);
}

function advisorySourcesFor(values: CliValues, io: CliIo) {
  return buildAdvisorySources({
    offline: values.offline ?? false,
    advisoryDb: values['advisory-db'] ?? io.env.PIPWARDEN_ADVISORY_DB,
    osvUrl: io.env.PIPWARDEN_OSV_URL,
    cacheDir: defaultCacheDir(io.env, homedir()),
    githubToken: io.env.GITHUB_TOKEN,
  });
}

async function audit(rest: string[], values: CliValues, io: CliIo): Promise<number> {
  const reporter = chooseReporter(values.format);
  const failOnFlag = values['fail-on'] === undefined ? undefined : parseSeverity(values['fail-on']);
  const prepared = await prepare(rest, values, io, 'audit');
  const failOn = failOnFlag ?? (prepared.configured ? prepared.config.failOn : undefined);
  const report = await auditRepository(prepared.files, {
    now: io.now(),
    rootLabel: prepared.label,
    sources: advisorySourcesFor(values, io),
    config: prepared.config,
    configErrors: prepared.configErrors,
    registry: prepared.registry,
  });
  await emit(reporter.render(report), values, io);

  if (report.summary.problems > 0) io.stderr(`pipwarden: ${report.summary.problems} problem(s); see the report\n`);
  // A failed advisory source means the result is incomplete: never let it pass for clean.
  if (!report.summary.vulnerabilitiesChecked) return 2;
  return failOn && failsThreshold(report, failOn) ? 1 : 0;
}

async function licenses(rest: string[], values: CliValues, io: CliIo): Promise<number> {
  const format = (values.format ?? 'markdown') as AttributionFormat;
  if (!ATTRIBUTION_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" for licenses (expected ${ATTRIBUTION_FORMATS.join(', ')})`);
  const prepared = await prepare(rest, values, io, 'licenses');
  // The attribution list needs the inventory and the licenses only: no advisories, risks or code scan.
  const { collected, dependencies } = await readInventory(prepared.files);
  const rootPyproject = collected.contents.get('pyproject.toml');
  const checked = await checkLicenses({
    dependencies,
    registry: prepared.registry,
    config: prepared.config.licenses,
    projectLicense: rootPyproject === undefined ? null : projectLicense(rootPyproject),
  });
  for (const problem of [...collected.errors, ...checked.errors]) io.stderr(`pipwarden: ${problem.path ? `${problem.path}: ` : ''}${problem.message}\n`);
  await emit(renderAttribution(checked.licenses, format), values, io);
  if (prepared.registry === null) io.stderr('pipwarden: --offline: licenses were not looked up and are listed as unknown\n');
  return 0;
}

/**
 * fix applies every planned group (deferred ones included: locally there is no open-PR limit), verifies
 * each with a re-audit of the edited tree, and writes the files of those that hold — or, with
 * --dry-run, prints the plan and the diffs.
 */
async function fix(rest: string[], values: CliValues, io: CliIo): Promise<number> {
  const prepared = await prepare(rest, values, io, 'fix');
  const sources = advisorySourcesFor(values, io);
  // The code scan plays no part in a fix: leave it out of both audits.
  const config: PipwardenConfig = { ...prepared.config, code: { ...prepared.config.code, enabled: false }, secrets: { ...prepared.config.secrets, enabled: false } };
  const auditOf = (files: LocalRepoFiles | OverlayRepoFiles) =>
    auditRepository(files, { now: io.now(), rootLabel: prepared.label, sources, config, registry: prepared.registry });
  const before = await auditOf(prepared.files);
  if (!before.summary.vulnerabilitiesChecked) {
    io.stderr(`pipwarden: vulnerabilities could not be checked (${before.errors.map((e) => e.message).join('; ')}): nothing to fix safely\n`);
    return 2;
  }
  const { collected } = await readInventory(prepared.files);
  const plan = before.remediation;
  if (plan.groups.length === 0) {
    io.stdout(plan.unfixable.length > 0 ? `Nothing can be fixed now:\n${plan.unfixable.map((u) => `- ${u.package} ${u.version ?? ''}: ${u.ids.join(', ')}: ${u.reason}`).join('\n')}\n` : 'Nothing to fix.\n');
    return 0;
  }
  let changes = new Map<string, string>();
  let failed = 0;
  for (const group of plan.groups) {
    // Each group applies on top of the groups accepted before it, as merged pull requests would.
    const contents = new Map([...collected.contents, ...changes]);
    const relock = relockSettings(config, io.now(), io.env);
    const applied = await applyGroup(group, { manifests: collected.manifests, contents, registry: prepared.registry, inPlace: config.lockFiles.inPlace, ...(relock ? { relock } : {}) });
    const candidate = new Map([...changes, ...applied.changes]);
    const verdict = verifyRemediation(before, await auditOf(new OverlayRepoFiles(prepared.files, candidate)), group);
    io.stdout(`${group.rank}. ${group.title}\n`);
    for (const u of group.updates) io.stdout(`   ${u.package} ${u.from ?? 'any'} -> ${u.to}${u.breaking ? ' (breaking)' : ''}\n`);
    for (const problem of applied.problems) io.stdout(`   ! ${problem.path}: ${problem.package}: ${problem.message}\n`);
    for (const lock of applied.locks.filter((l) => l.status !== 'needs-relock')) io.stdout(`   ${lock.path} ${lock.status === 'relocked' ? `re-locked with ${lock.tool ?? 'its tool'}` : 'edited in place'}\n`);
    for (const lock of applied.locks.filter((l) => l.status === 'needs-relock')) io.stdout(`   ! ${lock.path} needs a re-lock${lock.tool ? ` (${lock.tool})` : ''}: ${lock.reason ?? ''}\n`);
    if (!verdict.ok || applied.changes.size === 0) {
      failed++;
      io.stdout(`   not applied: ${verdict.reason ?? 'no file could be edited'}\n`);
      continue;
    }
    io.stdout(`   fixes ${verdict.fixed.length} advisor${verdict.fixed.length === 1 ? 'y' : 'ies'}, introduces none\n`);
    changes = candidate;
  }
  const originals = collected.contents;
  for (const [path, content] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
    if (values['dry-run']) io.stdout(`\n${createTwoFilesPatch(`a/${path}`, `b/${path}`, originals.get(path) ?? '', content)}`);
    else await writeFile(path.startsWith('/') ? path : `${prepared.root}/${path}`, content);
  }
  if (!values['dry-run'] && changes.size > 0) io.stdout(`Wrote ${changes.size} file${changes.size === 1 ? '' : 's'}.\n`);
  return failed > 0 ? 1 : 0;
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

/**
 * failsThreshold: an unsuppressed vulnerability at least as severe as the threshold, or a license that
 * breaks the policy — the same verdict as the app's check run.
 */
function failsThreshold(report: Report, threshold: Severity): boolean {
  return report.vulnerabilities.some((v) => !v.suppressed && severityAtLeast(v.severity, threshold)) || report.summary.licenseViolations > 0;
}
