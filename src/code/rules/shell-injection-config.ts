/**
 * The one list of process-starting functions that bandit's `shell_injection` family shares (B602–B607,
 * B609): bandit 1.9's `gen_config("shell_injection")` defaults in bandit/plugins/injection_shell.py,
 * https://bandit.readthedocs.io/en/latest/plugins/b605_start_process_with_a_shell.html. Names are
 * qualified (`import subprocess as sp; sp.Popen` is `subprocess.Popen`).
 */

/** ProcessKind is which section of bandit's `shell_injection` config a function is listed in. */
export type ProcessKind = 'subprocess' | 'shell' | 'no_shell';

/** SUBPROCESS_FUNCTIONS start a process through the subprocess module: a shell only with `shell=True`. */
export const SUBPROCESS_FUNCTIONS: ReadonlySet<string> = new Set([
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
]);

/** SHELL_FUNCTIONS always run their command through a shell (`/bin/sh -c`, `cmd.exe /c`). */
export const SHELL_FUNCTIONS: ReadonlySet<string> = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
]);

/** NO_SHELL_FUNCTIONS replace or spawn a process without a shell (the exec and spawn families). */
export const NO_SHELL_FUNCTIONS: ReadonlySet<string> = new Set([
  'os.execl',
  'os.execle',
  'os.execlp',
  'os.execlpe',
  'os.execv',
  'os.execve',
  'os.execvp',
  'os.execvpe',
  'os.spawnl',
  'os.spawnle',
  'os.spawnlp',
  'os.spawnlpe',
  'os.spawnv',
  'os.spawnve',
  'os.spawnvp',
  'os.spawnvpe',
  'os.startfile',
]);

/** processKind is the section a qualified function name is listed in, or null for any other function. */
export function processKind(name: string | null): ProcessKind | null {
  if (name === null) return null;
  if (SUBPROCESS_FUNCTIONS.has(name)) return 'subprocess';
  if (SHELL_FUNCTIONS.has(name)) return 'shell';
  if (NO_SHELL_FUNCTIONS.has(name)) return 'no_shell';
  return null;
}
