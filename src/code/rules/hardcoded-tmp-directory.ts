/**
 * B108 hardcoded_tmp_directory: a fixed path under a shared temporary directory (`/tmp`, `/var/tmp`,
 * `/dev/shm`) can be created first by another local user (a symlink to a file you then overwrite, a file
 * you then trust). https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html
 *
 * Semantics follow bandit 1.9 with its default `tmp_dirs`: every `str` constant that starts with one of
 * those prefixes (a plain prefix test, as bandit's: `"/tmpfile"` counts), medium severity and
 * confidence; docstrings and bytes literals are skipped. Unlike Debian's bandit 1.6.2, constants are seen
 * on every Python version. Deliberate difference: an f-string is judged by its literal beginning
 * (`f"/tmp/{name}"` is flagged, `f"{base}/tmp/x"` is not), while bandit judges each literal piece of an
 * f-string on its own and so flags the second one too.
 */
import type { CodeRule } from '../types.js';
import { isStandaloneString, leadingStringText } from '../syntax.js';

/** TMP_DIRECTORIES is bandit's default `tmp_dirs`. */
export const TMP_DIRECTORIES: readonly string[] = ['/tmp', '/var/tmp', '/dev/shm'];

/** hardcodedTmpDirectory flags strings that start with a shared temporary directory (bandit B108). */
export const hardcodedTmpDirectory: CodeRule = {
  doc: {
    id: 'python.hardcoded-tmp-directory',
    banditId: 'B108',
    name: 'Hardcoded temporary directory',
    help: 'A predictable path in a world-writable directory such as `/tmp` can be created or replaced by another local user before your program uses it (symlink and race attacks). Use the `tempfile` module (`tempfile.mkstemp()`, `tempfile.TemporaryDirectory()`), which creates unique entries with safe permissions.',
    cwe: 377,
  },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['string', 'concatenated_string'],
  check(node, context) {
    const text = leadingStringText(node);
    if (text === null || !TMP_DIRECTORIES.some((prefix) => text.startsWith(prefix))) return;
    if (!isStandaloneString(node)) return;
    context.report(node, { message: 'Probable insecure usage of temp file/directory.' });
  },
};
