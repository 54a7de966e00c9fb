/**
 * The SARIF reporter: the report as a SARIF 2.1.0 log (OASIS Standard,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for GitHub code scanning. One run, tool
 * driver `pipwarden`, a rule for every rule that has a result, and results for code findings,
 * vulnerabilities and located supply-chain risks (see sarif-results.ts).
 *
 * GitHub's upload limits (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
 * and …/integrating-with-code-scanning/sarif-support-for-code-scanning): at most 20 runs per file, 25,000
 * results per run (only the top 5,000 by severity are shown), 25,000 rules per run, 1,000 locations per
 * result (100 shown), 20 tags per rule (10 shown), and 10 MB for the gzip-compressed file. pipwarden
 * writes one run, one location per result plus at most 100 related ones, at most 3 tags per rule, and
 * rules only for the results it keeps; the reporter keeps the most severe results that fit both the
 * result count and the compressed size, and says in a run-level notification how many it left out.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Log, Notification, PhysicalLocation, ReportingDescriptor, Result, Run } from 'sarif';
import type { Problem } from '../manifests/types.js';
import type { Reporter } from './reporter.js';
import { LEVEL_RANK, finishRule, type RuleEntry, type SarifRuleDoc } from './sarif-rules.js';
import { SRCROOT, artifactUri, codeItems, compareItems, riskItems, vulnerabilityItems, type SarifItem } from './sarif-results.js';
import { PIPWARDEN_INFORMATION_URI } from './tool-info.js';
import type { Report } from './types.js';

export type { SarifRuleDoc } from './sarif-rules.js';

/** SARIF_SCHEMA_URI is the `$schema` of the log: the SARIF 2.1.0 schema as SchemaStore publishes it. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';


/** FINGERPRINT_KEY names pipwarden's partial fingerprint; the version suffix changes if its recipe does. */
export const FINGERPRINT_KEY = 'pipwarden/v1';

/** GITHUB_SARIF_LIMITS are the code scanning limits the output is kept within (see the file comment). */
export const GITHUB_SARIF_LIMITS = {
  /** Results per run above which GitHub rejects the upload. */
  resultsPerRun: 25_000,
  /** Largest gzip-compressed upload, in bytes (10 MB, counted in decimal to stay on the safe side). */
  gzipBytes: 10_000_000,
} as const;

/** MAX_NOTIFICATIONS bounds the problems listed as notifications (a broken file may have many). */
export const MAX_NOTIFICATIONS = 1000;

/** SarifOptions override the limits (tests use small ones; the defaults are GitHub's). */
export interface SarifOptions {
  /** Most results in the run. Default: GITHUB_SARIF_LIMITS.resultsPerRun. */
  maxResults?: number;
  /** Largest gzip-compressed size of the whole log, in bytes. Default: GITHUB_SARIF_LIMITS.gzipBytes. */
  maxGzipBytes?: number;
}

/**
 * createSarifReporter is the `sarif` reporter. `ruleDocs` documents the rules (the code rules' docs, and
 * any `risk.<kind>` docs); a rule with results but no doc gets a minimal generated one.
 */
export function createSarifReporter(ruleDocs: readonly SarifRuleDoc[], options: SarifOptions = {}): Reporter {
  return { name: 'sarif', render: (report) => renderSarif(report, ruleDocs, options) };
}

/** renderSarif renders the report as an indented SARIF 2.1.0 log that fits GitHub's upload limits. */
export function renderSarif(report: Report, ruleDocs: readonly SarifRuleDoc[], options: SarifOptions = {}): string {
  const maxResults = Math.max(0, Math.floor(options.maxResults ?? GITHUB_SARIF_LIMITS.resultsPerRun));
  const maxGzipBytes = options.maxGzipBytes ?? GITHUB_SARIF_LIMITS.gzipBytes;
  const docs = new Map(ruleDocs.map((doc) => [doc.id, doc]));
  const items = fingerprinted(
    [...codeItems(report.codeFindings, docs), ...vulnerabilityItems(report), ...riskItems(report.risks, docs)].sort(compareItems),
  );

  let keep = Math.min(items.length, maxResults);
  let text = serialize(buildLog(report, items, keep));
  // Shrink until the compressed log fits: each pass drops the least severe results, in proportion to the excess.
  for (let size = gzipSync(text).length; size > maxGzipBytes && keep > 0; size = gzipSync(text).length) {
    keep = Math.max(0, Math.min(keep - 1, Math.floor((keep * maxGzipBytes * 0.9) / size)));
    text = serialize(buildLog(report, items, keep));
  }
  return text;
}

/** buildLog assembles the log from the first `keep` results (already ranked). */
function buildLog(report: Report, items: readonly SarifItem[], keep: number): Log {
  const kept = items.slice(0, keep);
  const entries = new Map<string, RuleEntry>();
  for (const item of kept) {
    const id = item.rule.descriptor.id;
    const known = entries.get(id);
    entries.set(id, known ? mergeRule(known, item.rule) : item.rule);
  }
  const ids = [...entries.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ids.map((id) => finishRule(entries.get(id) as RuleEntry));
  const results: Result[] = kept.map((item) => ({ ...item.result, ruleIndex: index.get(item.result.ruleId ?? '') ?? -1 }));

  const notifications = problemNotifications(report);
  if (keep < items.length) {
    notifications.push({
      level: 'warning',
      message: {
        text:
          `pipwarden left out ${items.length - keep} of ${items.length} results, the least severe first, to stay within GitHub code scanning's ` +
          `upload limits (${GITHUB_SARIF_LIMITS.resultsPerRun} results per run, ${GITHUB_SARIF_LIMITS.gzipBytes / 1_000_000} MB compressed). ` +
          'The JSON report lists every finding.',
      },
      descriptor: { id: 'pipwarden.results-truncated' },
      properties: { omittedResults: items.length - keep, totalResults: items.length },
    });
  }

  const run: Run = {
    tool: {
      driver: {
        name: 'pipwarden',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: PIPWARDEN_INFORMATION_URI,
        rules,
      },
    },
    invocations: [
      {
        // An advisory source that failed leaves the vulnerability list incomplete: not a successful run.
        executionSuccessful: report.summary.vulnerabilitiesChecked,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { description: { text: `The root of the audited repository (${report.root}).` } } },
    // Columns come from tree-sitter over JavaScript strings: UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** problemNotifications lists report errors (level error) and manifest problems (level warning), bounded. */
function problemNotifications(report: Report): Notification[] {
  const problems: { problem: Problem; level: Notification.level }[] = [
    ...report.errors.map((problem) => ({ problem, level: 'error' as const })),
    ...report.manifests.flatMap((m) => m.errors.map((problem) => ({ problem, level: 'warning' as const }))),
  ];
  const notifications = problems.slice(0, MAX_NOTIFICATIONS).map(({ problem, level }): Notification => {
    const notification: Notification = { level, message: { text: problem.message } };
    if (problem.path) {
      const physicalLocation: PhysicalLocation = { artifactLocation: { uri: artifactUri(problem.path), uriBaseId: SRCROOT } };
      if (problem.line !== undefined && problem.line >= 1) physicalLocation.region = { startLine: problem.line };
      notification.locations = [{ physicalLocation }];
    }
    return notification;
  });
  if (problems.length > MAX_NOTIFICATIONS) {
    notifications.push({ level: 'warning', message: { text: `${problems.length - MAX_NOTIFICATIONS} more problems are listed in the JSON report.` } });
  }
  return notifications;
}

/**
 * fingerprinted sets `partialFingerprints` (SARIF §3.27.17): a hash of the result's identity (rule, file,
 * package or message — never the line, so an alert follows its code when lines move) and its occurrence
 * number among results of the same identity, in ranked order.
 */
function fingerprinted(items: readonly SarifItem[]): SarifItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const occurrence = (seen.get(item.identity) ?? 0) + 1;
    seen.set(item.identity, occurrence);
    const hash = createHash('sha256').update(`${item.identity}\u0000${occurrence}`).digest('hex').slice(0, 32);
    return { ...item, result: { ...item.result, partialFingerprints: { [FINGERPRINT_KEY]: hash } } };
  });
}

function mergeRule(a: RuleEntry, b: RuleEntry): RuleEntry {
  const merged: RuleEntry = { descriptor: a.descriptor, level: LEVEL_RANK[b.level] > LEVEL_RANK[a.level] ? b.level : a.level };
  const score = Math.max(a.score ?? -1, b.score ?? -1);
  if (score >= 0) merged.score = score;
  return merged;
}

function serialize(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}
