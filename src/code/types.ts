/**
 * The code scanner's vocabulary: a finding (the report's `codeFindings` item), and a rule, the unit the
 * runner applies to each Python file. One rule per file under `rules/`, each with its id, its bandit
 * equivalent and its documentation, so SARIF can publish help text for every rule.
 */
import type { Node, Tree } from 'web-tree-sitter';

/** Level is bandit's three-step scale, used for both severity and confidence. */
export type Level = 'low' | 'medium' | 'high';

/** LEVEL_ORDER ranks levels from the lowest up (for minimum-severity / minimum-confidence filters). */
export const LEVEL_ORDER: readonly Level[] = ['low', 'medium', 'high'];

/** CodeFinding is one item of the report's `codeFindings`. Lines and columns are 1-based. */
export interface CodeFinding {
  /** pipwarden's rule id, e.g. `python.subprocess-shell-true`, or `secret.aws-access-key`. */
  ruleId: string;
  /** The equivalent bandit test id, e.g. `B602`, where one exists. */
  banditId?: string;
  path: string;
  line: number;
  column?: number;
  endLine?: number;
  severity: Level;
  confidence: Level;
  cwe?: number;
  message: string;
}

/** RuleDoc is what a rule publishes about itself (SARIF `rules[]`, README, `--list-rules`). */
export interface RuleDoc {
  id: string;
  banditId?: string;
  /** A short title: "subprocess call with shell=True". */
  name: string;
  /** Why it matters and what to do instead (markdown), shown as SARIF help text. */
  help: string;
  cwe?: number;
}

/** ImportTable maps a local name to the dotted name it was imported as (`np` → `numpy`, `loads` → `pickle.loads`). */
export type ImportTable = ReadonlyMap<string, string>;

/** RuleContext is what a rule sees of one file. */
export interface RuleContext {
  path: string;
  source: string;
  tree: Tree;
  /** Names bound by import statements anywhere in the module (`import a.b as c`, `from x import y`). */
  imports: ImportTable;
  /**
   * qualifiedName resolves a call target or attribute chain through the import table: for
   * `from subprocess import Popen as P; P(...)` the `P` identifier resolves to `subprocess.Popen`;
   * `os.path.join` stays `os.path.join`. Null for anything that is not a dotted name.
   */
  qualifiedName(node: Node): string | null;
  /** report records a finding at `node` (line and column from the node). Severity/confidence default to the rule's. */
  report(node: Node, finding: { message: string; severity?: Level; confidence?: Level; ruleId?: string; banditId?: string; cwe?: number }): void;
}

/**
 * CodeRule is one check. `nodeTypes` names the tree-sitter node types it wants to see (e.g. `call`,
 * `import_statement`); the runner walks each tree once and hands every matching node to every rule that
 * asked for its type. A rule that throws is isolated: the runner records an error and goes on.
 */
export interface CodeRule {
  doc: RuleDoc;
  /** Defaults for findings of this rule. */
  severity: Level;
  confidence: Level;
  nodeTypes: readonly string[];
  check(node: Node, context: RuleContext): void;
}
