/**
 * KindEditResult is what one format's in-place editor answers: the new text, notes for the reviewer and
 * the `algorithm:hex` digests the edited entries now carry (the dispatcher re-parses the lock and checks
 * them), or why the lock needs its tool.
 */
export type KindEditResult = { ok: true; content: string; notes: string[]; hashes: string[] } | { ok: false; reason: string };
