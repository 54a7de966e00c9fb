/**
 * Surgical manifest editors (issue 5, "Editing files"): one editor per format, pure (the file's text in,
 * the new text out), each changing only the version constraint of the edited packages at the lines the
 * parser recorded, and verifying its work by re-parsing the result with the format's own parser.
 *
 * Lock files are not edited here (src/remediation/lock moves them); a transitive dependency of a project
 * without a lock is pinned with `addConstraint`.
 */
import type { Manifest } from '../../manifests/types.js';
import { LOCK_KINDS } from '../../manifests/types.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import { editPipfile } from './pipfile.js';
import { editPyproject } from './pyproject.js';
import { editRequirementsFile } from './requirements.js';
import { editSetupCfg } from './setup-cfg.js';
import { editSetupPy } from './setup-py.js';
import type { EditResult, ManifestEdit } from './types.js';

export { addConstraint, type ConstraintReason } from './constraint.js';
export { editPipfile } from './pipfile.js';
export { editPyproject } from './pyproject.js';
export { editRequirementsFile } from './requirements.js';
export { rewriteConstraint, type ConstraintRewrite } from './rewrite.js';
export { editSetupCfg } from './setup-cfg.js';
export { editSetupPy } from './setup-py.js';
export type { AppliedEdit, EditProblem, EditResult, ManifestEdit, UnchangedDeclaration } from './types.js';

/**
 * editManifest applies `edits` to `text`, the content of `manifest` (its parse by the registered
 * parser), choosing the editor by `manifest.kind`. Never throws for a bad file or edit: what cannot be
 * done is in `problems`, and `content` is then the text with only the edits that could be made.
 */
export async function editManifest(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): Promise<EditResult> {
  switch (manifest.kind) {
    case 'requirements':
      return editRequirementsFile(manifest, text, edits);
    case 'pyproject-pep621':
    case 'pyproject-poetry':
    case 'pyproject-pdm':
    case 'pyproject-uv':
      return editPyproject(manifest, text, edits);
    case 'setup-cfg':
      return editSetupCfg(manifest, text, edits);
    case 'setup-py':
      return editSetupPy(manifest, text, edits);
    case 'pipfile':
      return editPipfile(manifest, text, edits);
    default: {
      const why = LOCK_KINDS.has(manifest.kind)
        ? 'a lock file is moved by the lock step (in place or by re-locking), not by the manifest editors'
        : `${manifest.kind} files are not edited by pipwarden`;
      return {
        content: text,
        applied: [],
        problems: edits.map((edit) => ({ package: normalizePackageName(edit.package), message: `${manifest.path}: ${why}` })),
        unchanged: [],
      };
    }
  }
}
