import { describe, expect, it } from 'vitest';
import { pytorchLoad } from '../../../src/code/rules/pytorch-load.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B614 pytorch_load', () => {
  it('flags torch.load without weights_only=True, with bandit metadata', async () => {
    const source = "import torch\nloaded_model.load_state_dict(torch.load('model_weights.pth'))\n";
    expect((await scanWith(pytorchLoad, source)).findings).toEqual([
      {
        ruleId: 'python.pytorch-load',
        banditId: 'B614',
        path: 'app/module.py',
        line: 2,
        column: 30,
        severity: 'medium',
        confidence: 'high',
        cwe: 502,
        message: 'Use of unsafe PyTorch load',
      },
    ]);
  });

  it('flags weights_only=False or a variable, torch.serialization.load, torch.hub.load and from-imports', async () => {
    const source = [
      'import torch',
      'from torch import load as tl',
      'torch.load(f, map_location="cpu", weights_only=False)',
      'torch.load(f, weights_only=flag)',
      'torch.serialization.load(f)',
      'torch.hub.load("repo/x", "model")',
      'tl(f)',
    ].join('\n');
    expect(findingLines((await scanWith(pytorchLoad, source)).findings, true)).toEqual(['3:B614', '4:B614', '5:B614', '6:B614', '7:B614']);
  });

  it('does not flag weights_only=True, torch.jit.load, other loads or an unimported torch', async () => {
    const source = 'import torch, pickle\ntorch.load(f, weights_only=True)\ntorch.load(f, weights_only=(True))\ntorch.jit.load("m.pt")\npickle.load(f)\ntorch.save(m, f)\nmodel.load(f)\n';
    expect((await scanWith(pytorchLoad, source)).findings).toEqual([]);
    expect((await scanWith(pytorchLoad, 'torch.load(f)\n')).findings).toEqual([]);
  });

  it('honours # nosec with the id', async () => {
    const { findings, silenced } = await scanWith(pytorchLoad, 'import torch\ntorch.load(f)  # nosec B614\ntorch.load(f)  # nosec B301\n');
    expect(findingLines(findings, true)).toEqual(['3:B614']);
    expect(silenced).toBe(1);
  });
});
