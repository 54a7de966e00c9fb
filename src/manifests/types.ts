/**
 * The data every manifest parser produces. Parsers are pure: content in, `Manifest` out. They never
 * throw on bad input; what they cannot read becomes a `Problem` with the file and line.
 */

/** ManifestKind is the dialect of a dependency file, as named by the report contract. */
export type ManifestKind =
  | 'requirements'
  | 'pyproject-pep621'
  | 'pyproject-poetry'
  | 'pyproject-pdm'
  | 'pyproject-uv'
  | 'setup-py'
  | 'setup-cfg'
  | 'pipfile'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'pylock'
  | 'conda-environment';

/** LOCK_KINDS are the manifests that record resolved versions rather than declarations. */
export const LOCK_KINDS: ReadonlySet<ManifestKind> = new Set([
  'pipfile-lock',
  'poetry-lock',
  'uv-lock',
  'pdm-lock',
  'pylock',
]);

/** Problem is something that could not be read, with where it is (path relative to the audited root). */
export interface Problem {
  message: string;
  path?: string;
  /** 1-based line, when known. */
  line?: number;
}

/** LineRange is a 1-based, inclusive span of lines in a manifest. */
export interface LineRange {
  start: number;
  end: number;
}

/** DependencySource says where a requirement is installed from. */
export type DependencySource =
  | { type: 'registry'; url?: string }
  | { type: 'url'; url: string }
  | { type: 'vcs'; url: string; ref?: string }
  | { type: 'path'; url: string; editable?: boolean };

/**
 * Requirement is one declaration of a package in one manifest: a line of a requirements file, an entry
 * of a pyproject table, a package of a lock file.
 */
export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503-normalised name: lowercase, runs of `-_.` become `-`. */
  normalizedName: string;
  /**
   * PEP 440 specifier (e.g. `>=2.0,<3`), null when none. For dialects with their own syntax (Poetry's
   * `^1.2`, Pipfile's `*`) this is the PEP 440 translation and `writtenSpecifier` keeps the original.
   */
  specifier: string | null;
  /** The constraint exactly as written when it differs from `specifier`. */
  writtenSpecifier?: string;
  /** The exact version: a lock file's version, or the version of a `==X` / `===X` pin without wildcard. */
  version: string | null;
  extras: string[];
  /** PEP 508 environment markers, without the leading `;`. */
  markers?: string;
  /** main, dev, an extra's name, a dependency group's name… never empty. */
  groups: string[];
  source: DependencySource;
  /** `algorithm:hex` digests, e.g. `sha256:…`. */
  hashes: string[];
  /** Where the declaration sits in its file; later stages edit and annotate exactly these lines. */
  lines: LineRange;
  /** Lock files only: normalised names of the packages this one requires. */
  requires?: string[];
  /** True when this entry came from a constraints file (`-c`): it pins but does not add a dependency. */
  constraintOnly?: boolean;
}

/** IncludeDirective is a requirements-file reference to another file (`-r` / `-c`). */
export interface IncludeDirective {
  /** The path as written. */
  target: string;
  /** `requirement` for -r, `constraint` for -c. */
  kind: 'requirement' | 'constraint';
  line: number;
}

/** IndexOption is a pip option that says where packages come from; risk checks need each one. */
export interface IndexOption {
  option: 'index-url' | 'extra-index-url' | 'find-links' | 'trusted-host' | 'no-index';
  value: string;
  line: number;
}

/** Manifest is one parsed dependency file. */
export interface Manifest {
  /** POSIX path relative to the audited root. */
  path: string;
  kind: ManifestKind;
  requirements: Requirement[];
  errors: Problem[];
  /** pyproject only: every dialect present in the file (a Poetry 2 file is PEP 621 and Poetry). */
  dialects?: ManifestKind[];
  /** The project's supported Pythons (`requires-python`, `python_requires`, Poetry's `python`). */
  requiresPython?: string;
  /** The project's own name, where the manifest declares one. */
  projectName?: string;
  /** Requirements files only: files it includes. */
  includes?: IncludeDirective[];
  /** Index options (requirements `--index-url`…, Pipfile `[[source]]`, Poetry/uv/pdm sources). */
  indexes?: IndexOption[];
  /** Lock files only: the data needed to check the lock against its manifest. */
  lock?: LockInfo;
  /**
   * Entries read but deliberately not turned into requirements, with why (the project itself as
   * `-e .`, a local directory without a name). Skips are data, not silence.
   */
  skipped?: SkippedEntry[];
}

/** SkippedEntry is a declaration that names no installable package pipwarden can audit. */
export interface SkippedEntry {
  line: number;
  text: string;
  reason: string;
}

/** LockInfo is what a lock file says about the manifest it was made from. */
export interface LockInfo {
  /** poetry.lock `content-hash`, pdm.lock `content_hash`, Pipfile.lock `_meta.hash.sha256`. */
  contentHash?: string;
  /** Lock format version as written (`lock-version`, `version`). */
  formatVersion?: string;
  /**
   * Normalised names the lock records as the root project's own requirements (uv.lock's editable/virtual
   * root package, pylock's none). Used to tell direct from transitive when no manifest is beside the lock.
   */
  rootRequirements?: string[];
  /** uv.lock: the root package's recorded `requires-dist`, as PEP 508 strings, to compare with pyproject. */
  recordedRequirements?: string[];
}

/** ManifestInput is a file handed to a parser. */
export interface ManifestInput {
  /** POSIX path relative to the audited root. */
  path: string;
  content: string;
}

/** ManifestFormat is one parser of the registry: which files it reads, and how. */
export interface ManifestFormat {
  /** A stable id for logs and tests (e.g. `requirements`, `pyproject`). */
  id: string;
  /** Whether a file, by its path, is this format (discovery uses it). */
  matches(path: string): boolean;
  parse(input: ManifestInput): Manifest | Promise<Manifest>;
}
