/**
 * RepoFiles is the one way the pipeline reads a repository: a local folder (the CLI) or a GitHub commit
 * (the app). Paths are POSIX, relative to the audited root.
 */

/** ListedFile is a file of the tree with its size in bytes. */
export interface ListedFile {
  path: string;
  size: number;
}

/** FileListing is a repository's files, minus the ignored folders, plus what was noticed on the way. */
export interface FileListing {
  files: ListedFile[];
  /** Folders that are committed virtual environments (they hold `pyvenv.cfg` or are named like one). */
  virtualEnvs: string[];
}

/** FileRead is a file's bytes, or why they could not be read. */
export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; error: string; missing?: boolean };

/** RepoFiles reads one tree. Implementations never throw for a single bad file. */
export interface RepoFiles {
  listFiles(): Promise<FileListing>;
  /** Reads one file. Paths that leave the root, or symlinks that point outside it, are refused. */
  readFile(path: string): Promise<FileRead>;
  /**
   * readAll reads many files at once, where the source can batch (GitHub: one GraphQL query per 100
   * files); sources without it are read file by file.
   */
  readAll?(paths: readonly string[]): Promise<Map<string, FileRead>>;
}
