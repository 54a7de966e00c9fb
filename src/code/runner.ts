/**
 * The one runner of code rules: it parses a Python file once, walks its tree once, hands each node to the
 * rules that asked for its type, and then applies what every rule shares: locations, `# nosec`, the
 * severity/confidence floors and crash isolation (a rule that throws loses its findings for that file,
 * recorded as an error; the other rules still run).
 */
import type { Node } from 'web-tree-sitter';
import type { Problem } from '../manifests/types.js';
import { parsePython } from '../python/parser.js';
import { walkTree } from '../python/walk.js';
import { collectImport, qualifiedNameOf } from './imports.js';
import { isSilenced, parseNosecComment, type NosecLines } from './nosec.js';
import { LEVEL_ORDER, type CodeFinding, type CodeRule, type Level, type RuleContext } from './types.js';

/** ScanOptions filter what a scan reports. */
export interface ScanOptions {
  /** Rule ids or bandit ids not to run. */
  skip?: ReadonlySet<string>;
  /** When set, only these rule ids or bandit ids run (bandit's `tests`). */
  only?: ReadonlySet<string>;
  minimumSeverity?: Level;
  minimumConfidence?: Level;
}

/** FileScan is the result of scanning one file. */
export interface FileScan {
  findings: CodeFinding[];
  errors: Problem[];
  /** Findings silenced by `# nosec`. */
  silenced: number;
}

/** selectRules is the rules that `options` lets run. */
export function selectRules(rules: readonly CodeRule[], options: ScanOptions = {}): CodeRule[] {
  const named = (rule: CodeRule, ids: ReadonlySet<string>): boolean =>
    ids.has(rule.doc.id) || (rule.doc.banditId !== undefined && ids.has(rule.doc.banditId));
  return rules.filter((rule) => !(options.skip && named(rule, options.skip)) && !(options.only && !named(rule, options.only)));
}

/** scanPythonSource scans one Python file with `rules` (already selected) and returns what they found. */
export async function scanPythonSource(path: string, source: string, rules: readonly CodeRule[], options: ScanOptions = {}): Promise<FileScan> {
  const tree = await parsePython(source);
  try {
    const byType = new Map<string, CodeRule[]>();
    for (const rule of rules) {
      for (const type of rule.nodeTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
    }
    // First pass: imports and comments, which rules and `# nosec` need before any node is judged.
    const imports = new Map<string, string>();
    const nosec: NosecLines = new Map();
    const candidates: Node[] = [];
    walkTree(tree.rootNode, (node) => {
      if (node.type === 'import_statement' || node.type === 'import_from_statement') collectImport(node, imports);
      else if (node.type === 'comment') {
        const ids = parseNosecComment(node.text);
        if (ids) nosec.set(node.startPosition.row + 1, ids);
      }
      if (byType.has(node.type)) candidates.push(node);
    });

    const raw: { finding: CodeFinding; endLine: number; rule: CodeRule }[] = [];
    const errors: Problem[] = [];
    const failed = new Set<CodeRule>();
    let current: CodeRule | undefined;
    const context: RuleContext = {
      path,
      source,
      tree,
      imports,
      qualifiedName: (node) => qualifiedNameOf(node, imports),
      report: (node, details) => {
        if (!current) return;
        const finding: CodeFinding = {
          ruleId: details.ruleId ?? current.doc.id,
          path,
          line: node.startPosition.row + 1,
          column: node.startPosition.column + 1,
          severity: details.severity ?? current.severity,
          confidence: details.confidence ?? current.confidence,
          message: details.message,
        };
        const banditId = details.banditId ?? current.doc.banditId;
        if (banditId) finding.banditId = banditId;
        const cwe = details.cwe ?? current.doc.cwe;
        if (cwe !== undefined) finding.cwe = cwe;
        const endLine = node.endPosition.row + 1;
        if (endLine > finding.line) finding.endLine = endLine;
        raw.push({ finding, endLine, rule: current });
      },
    };
    for (const node of candidates) {
      for (const rule of byType.get(node.type) ?? []) {
        if (failed.has(rule)) continue;
        current = rule;
        try {
          rule.check(node, context);
        } catch (error) {
          failed.add(rule);
          errors.push({ path, line: node.startPosition.row + 1, message: `rule ${rule.doc.id} failed: ${(error as Error).message}` });
        }
      }
    }
    current = undefined;

    const floor = (level: Level | undefined): number => LEVEL_ORDER.indexOf(level ?? 'low');
    let silenced = 0;
    const findings: CodeFinding[] = [];
    for (const { finding, endLine, rule } of raw) {
      if (failed.has(rule)) continue;
      if (LEVEL_ORDER.indexOf(finding.severity) < floor(options.minimumSeverity)) continue;
      if (LEVEL_ORDER.indexOf(finding.confidence) < floor(options.minimumConfidence)) continue;
      const ids = [finding.ruleId, ...(finding.banditId ? [finding.banditId] : [])];
      if (isSilenced(nosec, finding.line, endLine, ids)) {
        silenced++;
        continue;
      }
      findings.push(finding);
    }
    findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
    return { findings, errors, silenced };
  } finally {
    tree.delete();
  }
}
