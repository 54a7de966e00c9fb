/**
 * The one runner of code rules: it parses a Python file once, searches its tree once for the node types
 * the rules asked for (inside WebAssembly: no JavaScript object is made for the other nodes), hands each
 * node to the rules that asked for its type, and then applies what every rule shares: locations,
 * `# nosec`, the severity/confidence floors and crash isolation (a rule that throws loses its findings for
 * that file, recorded as an error; the other rules still run).
 */
import type { Node } from 'web-tree-sitter';
import type { Problem } from '../manifests/types.js';
import { parsePython } from '../python/parser.js';
import { nodesOfTypes } from '../python/walk.js';
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

/** MENTIONS_NOSEC is the cheap test before any comment is read: no `nosec` in the file, no `# nosec` comment. */
const MENTIONS_NOSEC = /nosec/i;

/** rulesByType groups rules by the node types they asked for (a rule may ask for several). */
function rulesByType(rules: readonly CodeRule[]): ReadonlyMap<string, readonly CodeRule[]> {
  const groups = new Map<string, CodeRule[]>();
  for (const rule of rules) {
    for (const type of rule.nodeTypes) {
      const group = groups.get(type);
      if (group) group.push(rule);
      else groups.set(type, [rule]);
    }
  }
  return groups;
}

/** scanPythonSource scans one Python file with `rules` (already selected) and returns what they found. */
export async function scanPythonSource(path: string, source: string, rules: readonly CodeRule[], options: ScanOptions = {}): Promise<FileScan> {
  const tree = await parsePython(source);
  try {
    const byType = rulesByType(rules);
    // One search for every node any rule (or the runner) wants, in document order: the runner never
    // visits the nodes nobody asked for (most of a tree), so no JavaScript object is made for them.
    const wanted = new Set([...byType.keys(), 'import_statement', 'import_from_statement']);
    // Comments matter only for `# nosec`: a file that never says it needs none of them.
    if (MENTIONS_NOSEC.test(source)) wanted.add('comment');
    const imports = new Map<string, string>();
    const nosec: NosecLines = new Map();
    const candidates: { node: Node; rules: readonly CodeRule[] }[] = [];
    // First pass: imports and comments, which rules and `# nosec` need before any node is judged.
    for (const node of nodesOfTypes(tree.rootNode, [...wanted])) {
      // `type` crosses into WebAssembly: read it once per node.
      const type = node.type;
      if (type === 'import_statement' || type === 'import_from_statement') collectImport(node, imports);
      else if (type === 'comment') {
        const ids = parseNosecComment(node.text);
        if (ids) nosec.set(node.startPosition.row + 1, ids);
      }
      const interested = byType.get(type);
      if (interested) candidates.push({ node, rules: interested });
    }

    const raw: { finding: CodeFinding; endLine: number; rule: CodeRule }[] = [];
    const errors: Problem[] = [];
    const failed = new Set<CodeRule>();
    let current: CodeRule | undefined;
    const qualifiedNames = new Map<number, string | null>();
    const context: RuleContext = {
      path,
      source,
      tree,
      imports,
      qualifiedName: (node) => {
        // Many rules resolve the same call target: resolve each node once (ids are unique in a tree).
        let name = qualifiedNames.get(node.id);
        if (name === undefined) {
          name = qualifiedNameOf(node, imports);
          qualifiedNames.set(node.id, name);
        }
        return name;
      },
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
    for (const { node, rules: interested } of candidates) {
      for (const rule of interested) {
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
