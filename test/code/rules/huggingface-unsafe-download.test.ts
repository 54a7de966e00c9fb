import { describe, expect, it } from 'vitest';
import { huggingfaceUnsafeDownload } from '../../../src/code/rules/huggingface-unsafe-download.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(huggingfaceUnsafeDownload, source);

describe('B615 huggingface_unsafe_download', () => {
  it('flags from_pretrained without a revision, with bandit metadata', async () => {
    const source = 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model_name")\n';
    expect((await scan(source)).findings).toEqual([
      {
        ruleId: 'python.huggingface-unsafe-download',
        banditId: 'B615',
        path: 'app/module.py',
        line: 3,
        column: 9,
        severity: 'medium',
        confidence: 'high',
        cwe: 494,
        message: 'Unsafe Hugging Face Hub download without revision pinning in from_pretrained()',
      },
    ]);
  });

  it('flags branches, tags, short hex strings and every listed function', async () => {
    const source = [
      'import transformers',
      'from datasets import load_dataset',
      'from huggingface_hub import hf_hub_download, snapshot_download',
      'transformers.AutoTokenizer.from_pretrained("org/m", revision="main")',
      'load_dataset("org/d", revision="v1.0")',
      'hf_hub_download(repo_id="org/m", filename="f", revision="abc123")', // 6 hex digits: not a commit
      'snapshot_download(repo_id="org/m", revision="refs/pr/1")',
      'snapshot_download(repo_id="org/m", revision=None)',
      'hf_hub_download("org/m", "f", revision="", commit_id="main")',
    ].join('\n');
    const { findings } = await scan(source);
    expect(findingLines(findings, true)).toEqual(['4:B615', '5:B615', '6:B615', '7:B615', '8:B615', '9:B615']);
    expect(findings.map((f) => f.message.replace(/.* in /, ''))).toEqual([
      'from_pretrained()', 'load_dataset()', 'hf_hub_download()', 'snapshot_download()', 'snapshot_download()', 'hf_hub_download()',
    ]);
  });

  it('accepts commit hashes, revisions held in variables (bandit 1.9.4), and local paths', async () => {
    const source = [
      'from transformers import AutoModel',
      'from huggingface_hub import hf_hub_download',
      'AutoModel.from_pretrained("org/m", revision="548fc3543a")',
      'AutoModel.from_pretrained("org/m", revision="\'5d0f2e8a7f1b9c3d4e6f8a0b2c4d6e8f0a1b3c5d\'")',
      'AutoModel.from_pretrained("org/m", revision=MODEL_REVISION)',
      'AutoModel.from_pretrained("org/m", revision=config["revision"])',
      'AutoModel.from_pretrained("org/m", revision=f"{sha}")',
      'hf_hub_download("org/m", "f", commit_id="548fc3543a")',
      'AutoModel.from_pretrained("./checkpoints/m")',
      'AutoModel.from_pretrained("/models/m")',
      'AutoModel.from_pretrained("../m")',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('does not flag look-alikes: other modules, no Hugging Face import, unlisted functions', async () => {
    expect((await scan('from mylib import Model\nModel.from_pretrained("org/m")\n')).findings).toEqual([]);
    expect((await scan('import torch\nmodel_cls.from_pretrained("org/m")\n')).findings).toEqual([]);
    expect((await scan('from transformers import AutoModel\nAutoModel.save_pretrained("out")\nmodel_cls.from_pretrained("org/m")\n')).findings).toEqual([]);
    expect((await scan('from datasets import load_dataset\nload_dataset("org/d", revision="main")  # nosec B615\n')).silenced).toBe(1);
  });
});
