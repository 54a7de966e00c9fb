/**
 * B614 pytorch_load: `torch.load` unpickles its input, and unpickling runs code chosen by whoever wrote
 * the file, unless `weights_only=True` restricts it to tensors and plain containers.
 * https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/pytorch_load.py): a call whose qualified name contains the
 * part `torch` and ends in `load` (`torch.load`, `torch.serialization.load`, `torch.hub.load`), except the
 * `torch.jit` loaders (TorchScript, no pickle), unless `weights_only=` is the literal `True`. Medium
 * severity, high confidence, CWE-502.
 *
 * Deliberate differences: bandit needs a plain `import torch` in the module; here any import form counts
 * (`from torch import load`, `import torch.serialization`), but the name's head must be the imported
 * `torch` package (a local object called `torch` is not).
 */
import type { CodeRule } from '../types.js';
import { keywordArgumentNode } from '../syntax.js';
import { calledNameParts } from '../imported-calls.js';
import { isLiteralTrue } from './injection-support.js';

/** pytorchLoad flags `torch.load` without `weights_only=True` (bandit B614). */
export const pytorchLoad: CodeRule = {
  doc: {
    id: 'python.pytorch-load',
    banditId: 'B614',
    name: 'Use of unsafe PyTorch load',
    help: '`torch.load()` unpickles the file, and a pickle can run arbitrary code while it loads: a model or checkpoint downloaded from elsewhere is code. Pass `weights_only=True` (the default from PyTorch 2.6) so only tensors and plain containers load, or store weights in the `safetensors` format.',
    cwe: 502,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const parts = calledNameParts(node, context);
    if (parts === null || parts[0] !== 'torch' || parts[parts.length - 1] !== 'load' || parts.includes('jit')) return;
    if (isLiteralTrue(keywordArgumentNode(node, 'weights_only'))) return;
    context.report(node, { message: 'Use of unsafe PyTorch load' });
  },
};
