/**
 * The vocabulary of the manifest editors: what the caller asks for (`ManifestEdit`), and what an editor
 * did (`EditResult`). Editors are pure: the file's text in, the new text out; an edit that cannot be made
 * surgically is a problem, never a guess.
 */

/** ManifestEdit asks for one package to move to one version in one manifest. */
export interface ManifestEdit {
  /** PEP 503 name (other spellings are normalised). */
  package: string;
  /** The version the declarations must now require. */
  to: string;
  /**
   * sha256 hex digests of the new version's distribution files (PyPI's `digests.sha256`). Needed to
   * refresh `--hash` options of requirements files; ignored where the declaration carries no hashes.
   */
  digests?: string[];
}

/** AppliedEdit is one declaration that was changed. */
export interface AppliedEdit {
  /** PEP 503 name. */
  package: string;
  /** 1-based line of the changed constraint, in the ORIGINAL text's numbering. */
  line: number;
  /** That line's text before the edit (without its line ending). */
  before: string;
  /** That line's text after the edits (all changes made on it; without its line ending). */
  after: string;
  /** The constraint as written before (`==4.2.5`, `^4.2.5`, `>=1.0,<2`); `''` when there was none. */
  from: string;
  /** The constraint as written now. */
  to: string;
  /**
   * True when the target lay outside the range the declaration allowed (a cap widened, a caret or tilde
   * range left, a compatible-release or wildcard range moved): the project had declared the new version
   * incompatible, so the change deserves a breaking-change warning. Moving a pin is not breaking by itself.
   */
  breaking: boolean;
  /** What else a reviewer should know: caps widened, floors added, hashes refreshed. */
  notes: string[];
}

/** EditProblem is an edit (or one declaration of it) that was not made, and why. */
export interface EditProblem {
  /** PEP 503 name. */
  package: string;
  message: string;
  /** 1-based line of the declaration concerned, when there is one. */
  line?: number;
}

/** UnchangedDeclaration is a declaration that already requires the target: nothing to do. */
export interface UnchangedDeclaration {
  package: string;
  line: number;
  reason: string;
}

/** EditResult is the new text and an account of every declaration the edits touched. */
export interface EditResult {
  content: string;
  applied: AppliedEdit[];
  problems: EditProblem[];
  /** Declarations left as they were because they already require the target. */
  unchanged: UnchangedDeclaration[];
}
