/**
 * The driver every editor shares. An editor only knows how to find one declaration in its format and
 * what to write there (a `Located` change); the engine does the rest the same way for every format:
 * matching edits to declarations, refusing URL and path sources, applying all replacements at once,
 * then re-parsing the new text with the format's own parser and keeping only the changes that re-parse
 * to exactly what was intended while every other declaration stays as it was. A change that fails the
 * check is taken back and reported: an edit that cannot be verified is a problem, never a guess.
 */
import { isValidVersion } from '../../pep440/index.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import type { Manifest, Requirement } from '../../manifests/types.js';
import { applyReplacements, type Replacement, type TextLines } from './text.js';
import type { AppliedEdit, EditProblem, EditResult, ManifestEdit, UnchangedDeclaration } from './types.js';

/** Located is what an editor decided for one declaration. */
export type Located =
  | {
      kind: 'change';
      /** 1-based line of the rewritten constraint (original numbering). */
      line: number;
      replacements: Replacement[];
      /** The constraint as written before and after. */
      from: string;
      to: string;
      /**
       * The constraint the re-parsed declaration must carry (its `writtenSpecifier`, else its
       * `specifier`), compared without blanks and outer parentheses.
       */
      expected: string;
      /** The `algorithm:hex` hashes the re-parsed declaration must carry, when they were replaced. */
      expectedHashes?: string[];
      breaking: boolean;
      notes: string[];
    }
  | { kind: 'unchanged'; line: number; reason: string }
  | { kind: 'problem'; line: number; message: string };

/** Locate finds one declaration of an edited package and says what to change there. */
export type Locate = (requirement: Requirement, edit: NormalizedEdit, occurrence: number) => Located;

/** NormalizedEdit is a ManifestEdit with its package name normalised. */
export interface NormalizedEdit extends ManifestEdit {
  package: string;
}

/** Plan is one located change of one declaration, waiting for verification. */
export interface Plan {
  edit: NormalizedEdit;
  requirement: Requirement;
  occurrence: number;
  located: Extract<Located, { kind: 'change' }>;
}

/** Planned is the outcome of the planning phase: changes to verify, and what was settled already. */
export interface Planned {
  plans: Plan[];
  problems: EditProblem[];
  unchanged: UnchangedDeclaration[];
}

/**
 * planEdits matches each edit to the manifest's declarations of its package and asks `locate` for each
 * one. Declarations installed from a URL, a VCS or a path are never edited: their version is not a
 * constraint on an index.
 */
export function planEdits(manifest: Manifest, edits: readonly ManifestEdit[], locate: Locate): Planned {
  const planned: Planned = { plans: [], problems: [], unchanged: [] };
  const seen = new Set<string>();
  const byName = new Map<string, Requirement[]>();
  for (const requirement of manifest.requirements) {
    const list = byName.get(requirement.normalizedName) ?? [];
    list.push(requirement);
    byName.set(requirement.normalizedName, list);
  }
  for (const raw of edits) {
    const edit: NormalizedEdit = { ...raw, package: normalizePackageName(raw.package) };
    if (seen.has(edit.package)) {
      planned.problems.push({ package: edit.package, message: `more than one edit for ${edit.package}; only the first is made` });
      continue;
    }
    seen.add(edit.package);
    if (!isValidVersion(edit.to)) {
      planned.problems.push({ package: edit.package, message: `"${shorten(edit.to)}" is not a PEP 440 version` });
      continue;
    }
    const declarations = byName.get(edit.package) ?? [];
    if (declarations.length === 0) {
      planned.problems.push({ package: edit.package, message: `${edit.package} is not declared in ${manifest.path}` });
      continue;
    }
    const occurrences = new Map<number, number>();
    for (const requirement of declarations) {
      const occurrence = occurrences.get(requirement.lines.start) ?? 0;
      occurrences.set(requirement.lines.start, occurrence + 1);
      const line = requirement.lines.start;
      if (requirement.source.type !== 'registry') {
        planned.problems.push({
          package: edit.package,
          line,
          message: `declared with a ${requirement.source.type} source (${shorten(requirement.source.url)}), not an index version; left untouched`,
        });
        continue;
      }
      const located = locate(requirement, edit, occurrence);
      if (located.kind === 'change') planned.plans.push({ edit, requirement, occurrence, located });
      else if (located.kind === 'unchanged') planned.unchanged.push({ package: edit.package, line: located.line, reason: located.reason });
      else planned.problems.push({ package: edit.package, line: located.line, message: located.message });
    }
  }
  return planned;
}

/** Parse re-reads a text with the format's own parser. */
export type Parse = (content: string) => Manifest;
/** ParseAsync is Parse for parsers that load a grammar first (setup.py). */
export type ParseAsync = (content: string) => Promise<Manifest>;

/**
 * finishEdits applies the planned changes, verifies them by re-parsing, takes back the ones that do
 * not verify, and builds the result. `baseline` is the parse of the original text (the manifest the
 * caller gave), so the original is not parsed twice.
 */
export function finishEdits(text: string, lines: TextLines, planned: Planned, baseline: Manifest, parse: Parse): EditResult {
  const steps = settle(text, baseline, planned.plans);
  let step = steps.next();
  while (!step.done) step = steps.next(parse(step.value));
  return result(step.value.content, lines, step.value.kept, step.value.rejected, planned);
}

/** finishEditsAsync is finishEdits for a parser that returns a promise. */
export async function finishEditsAsync(
  text: string,
  lines: TextLines,
  planned: Planned,
  baseline: Manifest,
  parse: ParseAsync,
): Promise<EditResult> {
  const steps = settle(text, baseline, planned.plans);
  let step = steps.next();
  while (!step.done) step = steps.next(await parse(step.value));
  return result(step.value.content, lines, step.value.kept, step.value.rejected, planned);
}

const UNVERIFIED = 'the edited file did not re-parse as intended; left unchanged';

interface Settled {
  content: string;
  kept: Plan[];
  rejected: Array<{ plan: Plan; reason: string }>;
}

/**
 * settle is the verification loop, written once for both parsers: it yields each text to re-parse and
 * receives the parse. All changes are tried together; those a failure can be pinned on are dropped and
 * the rest tried again; a failure no single change explains makes each change be tried alone.
 */
function* settle(text: string, baseline: Manifest, plans: Plan[]): Generator<string, Settled, Manifest> {
  let kept = plans;
  const rejected: Settled['rejected'] = [];
  while (kept.length > 0) {
    const content = applyPlans(text, kept);
    const failures = content === null ? null : verify(baseline, yield content, kept);
    if (content !== null && failures && failures.general === null && failures.failed.size === 0) {
      return { content, kept, rejected };
    }
    if (failures && failures.general === null) {
      for (const [plan, reason] of failures.failed) rejected.push({ plan, reason });
      kept = kept.filter((plan) => !failures.failed.has(plan));
      continue;
    }
    const alone: Plan[] = [];
    for (const plan of kept) {
      const single = applyPlans(text, [plan]);
      const check = single === null ? null : verify(baseline, yield single, [plan]);
      if (check && check.general === null && check.failed.size === 0) alone.push(plan);
      else rejected.push({ plan, reason: check?.failed.get(plan) ?? withReason(check?.general ?? null) });
    }
    // Each passes alone; if they still fail together, none is made.
    if (alone.length === kept.length) {
      for (const plan of alone) rejected.push({ plan, reason: UNVERIFIED });
      kept = [];
    } else {
      kept = alone;
    }
  }
  return { content: text, kept: [], rejected };
}

function withReason(general: string | null): string {
  return general === null ? UNVERIFIED : `${general}; left unchanged`;
}

function applyPlans(text: string, plans: Plan[]): string | null {
  return applyReplacements(
    text,
    plans.flatMap((plan) => plan.located.replacements),
  );
}

interface Failures {
  /** A failure no single change can be blamed for (declarations added or lost, new parse errors). */
  general: string | null;
  failed: Map<Plan, string>;
}

/** verify compares the re-parsed text with the original parse, declaration by declaration. */
function verify(baseline: Manifest, edited: Manifest, plans: Plan[]): Failures {
  const failures: Failures = { general: null, failed: new Map() };
  if (edited.errors.length > baseline.errors.length) {
    failures.general = `the edited file has a new parse problem: ${edited.errors[edited.errors.length - 1]?.message ?? ''}`;
    return failures;
  }
  if (edited.requirements.length !== baseline.requirements.length) {
    failures.general = 'the edited file declares a different number of requirements';
    return failures;
  }
  const planAt = new Map<number, Plan>();
  for (const plan of plans) {
    const index = indexOf(baseline, plan.requirement, plan.occurrence);
    if (index < 0) failures.failed.set(plan, 'the declaration was not found when the file was re-read');
    else planAt.set(index, plan);
  }
  baseline.requirements.forEach((before, index) => {
    const after = edited.requirements[index];
    const plan = planAt.get(index);
    if (!after || after.normalizedName !== before.normalizedName) {
      failures.general ??= 'the edited file declares different packages';
      return;
    }
    if (plan) {
      const written = normalizeWritten(after.writtenSpecifier ?? after.specifier);
      if (written !== normalizeWritten(plan.located.expected)) {
        failures.failed.set(plan, `re-reading the edited file gives "${written}" instead of "${plan.located.expected}"; left unchanged`);
      } else if (plan.located.expectedHashes && !sameSet(after.hashes, plan.located.expectedHashes)) {
        failures.failed.set(plan, 're-reading the edited file does not give the new hashes; left unchanged');
      } else if (!sameDeclaration(before, after, false)) {
        failures.failed.set(plan, 'the edit changed more than the version constraint; left unchanged');
      }
      return;
    }
    if (!sameDeclaration(before, after, true)) failures.general ??= `the edit changed the declaration of ${before.name} too`;
  });
  return failures;
}

function indexOf(manifest: Manifest, requirement: Requirement, occurrence: number): number {
  let seen = 0;
  for (const [index, candidate] of manifest.requirements.entries()) {
    if (candidate.lines.start !== requirement.lines.start || candidate.normalizedName !== requirement.normalizedName) continue;
    if (seen++ === occurrence) return index;
  }
  return -1;
}

/** sameDeclaration compares what an edit must not change (and, for others, the constraint too). */
function sameDeclaration(a: Requirement, b: Requirement, withConstraint: boolean): boolean {
  if (a.name !== b.name || a.markers !== b.markers || a.extras.join('\u0000') !== b.extras.join('\u0000')) return false;
  if (a.groups.join('\u0000') !== b.groups.join('\u0000') || JSON.stringify(a.source) !== JSON.stringify(b.source)) return false;
  if (!withConstraint) return true;
  return a.specifier === b.specifier && a.writtenSpecifier === b.writtenSpecifier && a.version === b.version && sameSet(a.hashes, b.hashes);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

/** normalizeWritten compares constraints without blanks and without parentheses around the whole. */
export function normalizeWritten(text: string | null | undefined): string {
  const compact = (text ?? '').replace(/\s+/g, '');
  return compact.startsWith('(') && compact.endsWith(')') ? compact.slice(1, -1) : compact;
}

function result(
  content: string,
  lines: TextLines,
  plans: Plan[],
  rejected: Array<{ plan: Plan; reason: string }>,
  planned: Planned,
): EditResult {
  const all = plans.flatMap((plan) => plan.located.replacements);
  const applied: AppliedEdit[] = plans.map(({ edit, located }) => {
    const before = lines.line(located.line);
    const lineStart = lines.startOf(located.line);
    const lineEnd = lines.endOf(located.line);
    // Every change made on the line shows, when two packages share it (`["a==1", "b==2"]`).
    const own = all.filter((r) => r.from >= lineStart && r.to <= lineEnd);
    const after = applyReplacements(before, own.map((r) => ({ ...r, from: r.from - lineStart, to: r.to - lineStart }))) ?? before;
    return {
      package: edit.package,
      line: located.line,
      before,
      after,
      from: located.from,
      to: located.to,
      breaking: located.breaking,
      notes: located.notes,
    };
  });
  const problems: EditProblem[] = [
    ...planned.problems,
    ...rejected.map(({ plan, reason }) => ({ package: plan.edit.package, line: plan.located.line, message: reason })),
  ];
  applied.sort((a, b) => a.line - b.line);
  return { content, applied, problems, unchanged: planned.unchanged };
}

function shorten(text: string | undefined): string {
  const value = text ?? '';
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
