/**
 * runTool runs a native lock tool with execa under a time limit (IO). The tool starts in a process group
 * of its own, so on timeout the whole group — the tool and every resolver or interpreter it started — is
 * sent SIGTERM, then SIGKILL after a grace period; the call never outlives timeout + grace by more than a
 * few seconds, whatever the processes do with their pipes. When the tool ends, anything it left running
 * in its group is killed too.
 */
import { execa } from 'execa';

/** ToolRun is how a run ended. */
export interface ToolRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Set when the tool could not be started, or its output exceeded the buffer. */
  error?: string;
}

/** RunOptions bound one run. */
export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL (default 2 s). */
  graceMs?: number;
}

const MAX_OUTPUT = 8 * 1024 * 1024;

/** runTool runs `file args` (see the module comment). */
export async function runTool(file: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
  const grace = options.graceMs ?? 2000;
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    stripFinalNewline: false,
    maxBuffer: MAX_OUTPUT,
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  const killGroup = (signal: NodeJS.Signals): void => {
    const pid = subprocess.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') subprocess.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  timers.push(
    setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), grace));
    }, options.timeoutMs),
  );
  let deadline: ((value: 'deadline') => void) | undefined;
  const hardStop = new Promise<'deadline'>((resolve) => {
    deadline = resolve;
    timers.push(setTimeout(() => resolve('deadline'), options.timeoutMs + grace + 5000));
  });
  try {
    const result = await Promise.race([subprocess, hardStop]);
    if (result === 'deadline') {
      killGroup('SIGKILL');
      return { exitCode: null, signal: 'SIGKILL', timedOut: true, stdout: '', stderr: '' };
    }
    const run: ToolRun = {
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      timedOut,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderr: typeof result.stderr === 'string' ? result.stderr : '',
    };
    if (result.failed && result.exitCode === undefined && !timedOut) run.error = result.shortMessage ?? 'the tool could not be run';
    if (result.isMaxBuffer) run.error = 'the tool wrote more output than pipwarden keeps';
    return run;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    // Whatever the tool left running in its group (a resolver it spawned, a daemon) goes with it.
    killGroup('SIGKILL');
    deadline?.('deadline');
  }
}
