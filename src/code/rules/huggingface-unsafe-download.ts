/**
 * B615 huggingface_unsafe_download: models, tokenizers, datasets and files fetched from the Hugging Face
 * Hub without a pinned commit follow whatever a branch or tag points to today; a compromised or changed
 * repository then serves different (pickled, so executable) content.
 * https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/huggingface_unsafe_download.py, with 1.9.4's fix for
 * revisions held in variables, PyCQA/bandit#1358), in a module that imports anything whose name contains
 * `transformers`, `datasets` or `huggingface_hub`:
 * - the call is `…from_pretrained` with `transformers` among its name's parts, `…load_dataset` with
 *   `datasets`, or `…hf_hub_download` / `…snapshot_download` / `…repository_id` with `huggingface_hub`
 *   (`from transformers import AutoModel; AutoModel.from_pretrained(…)`);
 * - it is safe when `revision=` or `commit_id=` is not a constant (a variable, an attribute, a call: the
 *   value cannot be read, so it is trusted), when the revision (else the commit id) is a string of at least
 *   7 hexadecimal digits (a commit hash, quotes around it ignored), or when the first positional argument
 *   is a string starting with `./`, `../` or `/` (a local path);
 * - otherwise medium severity, high confidence, CWE-494: `revision="main"` and `revision="v1.0"` are
 *   reported, since branches and tags move.
 *
 * Deliberate difference: the function name's head must be bound by an import.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule } from '../types.js';
import { calledNameParts } from '../imported-calls.js';
import { astArgs, isConstant, keywordArgument, strValue, unparenthesized } from '../syntax.js';
import { isModuleImportedLike, isTruthyLiteral } from './injection-support.js';

const HF_MODULES = ['transformers', 'datasets', 'huggingface_hub'];

/** UNSAFE_FUNCTIONS maps a function's last name to the module that must be among its name's parts. */
const UNSAFE_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['from_pretrained', 'transformers'],
  ['load_dataset', 'datasets'],
  ['hf_hub_download', 'huggingface_hub'],
  ['snapshot_download', 'huggingface_hub'],
  ['repository_id', 'huggingface_hub'],
]);

/** RevisionValue is a `revision=` / `commit_id=` constant as bandit's `get_call_arg_value` gives it. */
interface RevisionValue {
  /** Python's truth value of what bandit gets (`None`, `True`, `False` come as their names: true). */
  truthy: boolean;
  /** The text when bandit gets a `str`, else null (numbers, bytes). */
  text: string | null;
}

function revisionValue(node: Node | null): RevisionValue | null {
  if (!node) return null;
  const inner = unparenthesized(node);
  const text = strValue(inner);
  if (text !== null) return { truthy: text !== '', text };
  if (inner.type === 'none') return { truthy: true, text: 'None' };
  if (inner.type === 'true') return { truthy: true, text: 'True' };
  if (inner.type === 'false') return { truthy: true, text: 'False' };
  return { truthy: isTruthyLiteral(inner), text: null };
}

/** huggingfaceUnsafeDownload flags Hugging Face Hub downloads without a pinned commit (bandit B615). */
export const huggingfaceUnsafeDownload: CodeRule = {
  doc: {
    id: 'python.huggingface-unsafe-download',
    banditId: 'B615',
    name: 'Unsafe Hugging Face Hub download without revision pinning',
    help: 'Without `revision=` set to a commit hash, `from_pretrained()`, `load_dataset()`, `hf_hub_download()` and `snapshot_download()` fetch whatever the branch (`main`) or tag points to at run time: a compromised or rewritten repository serves new files, and model files are often pickles, i.e. code. Pin the full commit hash (`revision="4f9b…"`), and prefer `safetensors` weights.',
    cwe: 494,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const parts = calledNameParts(node, context);
    if (parts === null) return;
    const functionName = parts[parts.length - 1] ?? '';
    const module = UNSAFE_FUNCTIONS.get(functionName);
    if (!module || !parts.includes(module)) return;
    if (!HF_MODULES.some((candidate) => isModuleImportedLike(context, candidate))) return;

    const revision = keywordArgument(node, 'revision');
    const commitId = keywordArgument(node, 'commit_id');
    if ((revision && !isConstant(revision)) || (commitId && !isConstant(commitId))) return;
    // bandit: `revision or commit_id`
    const given = revisionValue(revision);
    const pinned = given?.truthy ? given.text : (revisionValue(commitId)?.text ?? null);
    if (pinned !== null) {
      const hash = pinned.replace(/^["']+|["']+$/g, '');
      if (hash.length >= 7 && /^[0-9a-fA-F]*$/.test(hash)) return;
    }
    const first = astArgs(node)[0];
    const path = first ? strValue(first) : null;
    if (path !== null && (path.startsWith('./') || path.startsWith('/') || path.startsWith('../'))) return;
    context.report(node, { message: `Unsafe Hugging Face Hub download without revision pinning in ${functionName}()` });
  },
};
