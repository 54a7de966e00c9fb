/**
 * The environment a native lock tool runs in: only what it needs, never the app's secrets. pipwarden's
 * own process holds a GitHub App key, webhook secrets and tokens; none of it reaches a lock tool. The
 * tool gets PATH, locale and time zone, proxy and certificate settings (to reach the index), a HOME of
 * its own inside the temporary directory (so no user configuration or stored credentials are read) and
 * the tool-specific switches of its command.
 */

/** PASSED_THROUGH are the variables copied from the caller's environment when set. */
export const PASSED_THROUGH: readonly string[] = [
  'PATH',
  'Path',
  'PATHEXT',
  'SYSTEMROOT',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'UV_NATIVE_TLS',
];

/** toolEnvironment builds the environment of one tool run (see the module comment). */
export function toolEnvironment(source: NodeJS.ProcessEnv, home: string, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  env['HOME'] = home;
  env['USERPROFILE'] = home;
  env['XDG_CONFIG_HOME'] = `${home}/.config`;
  env['XDG_CACHE_HOME'] = `${home}/.cache`;
  env['XDG_DATA_HOME'] = `${home}/.local/share`;
  env['PYTHONDONTWRITEBYTECODE'] = '1';
  return { ...env, ...extra };
}
