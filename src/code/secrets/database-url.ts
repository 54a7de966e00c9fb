/**
 * Database and broker URLs with the password written into them (RFC 3986 userinfo,
 * `scheme://user:password@host`), as SQLAlchemy, Django's dj-database-url, Celery, redis-py and the
 * MongoDB drivers accept them: `postgres://`, `postgresql+psycopg2://`, `mysql://`, `mongodb+srv://`,
 * `redis://:password@host`, `amqp://`… Documentation defaults (`user:password@`, `postgres:postgres@`)
 * and interpolated values (`${DB_PASSWORD}`, `{password}`) are not secrets.
 */
import { redactSecret } from './redact.js';
import { looksLikeReference } from './placeholders.js';
import { SECRET_CWE, secretHelp } from './rule-help.js';
import type { SecretCandidate, SecretDetector, SecretScanInput } from './types.js';

const DATABASE_URL =
  /(?<![A-Za-z0-9+.-])(?<scheme>(?:postgres(?:ql)?|mysql|mariadb|mongodb|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb)(?:\+[A-Za-z0-9_]{1,20})?):\/\/(?<user>[^\s:@/'"<>]{0,128}):(?<secret>[^\s@/'"<>]{1,256})@(?<host>[A-Za-z0-9._\-[\]%]{1,253})/dgi;

/**
 * DEFAULT_PASSWORDS are the passwords of documentation, tutorials and local containers (the official
 * postgres, mysql, rabbitmq and mongo images' examples): a finding on them would be noise, not a leak.
 */
const DEFAULT_PASSWORDS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pass', 'pwd', 'pw', 'secret', 'changeme', 'postgres', 'postgresql', 'root',
  'admin', 'mysql', 'mariadb', 'redis', 'mongo', 'mongodb', 'rabbitmq', 'guest', 'test', 'user',
  'example', 'dummy', 'default', 'dev', 'local', 'localhost', 'p', 'x', 'xxx', 'sa', 'oracle', 'mssql',
]);

/** isPlaceholderPassword says whether a URL's password is a default, a mask, or a reference. */
function isPlaceholderPassword(password: string, user: string, host: string): boolean {
  const lower = password.toLowerCase();
  if (DEFAULT_PASSWORDS.has(lower) || lower === user.toLowerCase()) return true;
  if (/^[*x.•…]+$/i.test(password) || /^[{<%$]/.test(password)) return true;
  if (/\bexample\.(?:com|org|net)\b|^host$|^hostname$/i.test(host)) return true;
  return looksLikeReference(password) || /example|changeme|placeholder|your|dummy|redacted|fake|password|passwd|secret|(.)\1{5}/i.test(password);
}

/** databaseUrlDetector finds database URLs with an inline password; the finding points at the password. */
export const databaseUrlDetector: SecretDetector = {
  doc: {
    id: 'secret.database-url',
    name: 'Database URL with an inline password',
    help: secretHelp(
      'A database or message-broker URL with its password written in it (`postgres://user:password@host/db`, `mongodb+srv://…`, `redis://:password@host`, `amqp://…`) is committed.',
      'Change the database user\'s password (`ALTER ROLE … PASSWORD`, `ALTER USER … IDENTIFIED BY`, `CONFIG SET requirepass`, the cloud console for managed databases), update the clients, and check the server\'s logs for connections you did not expect.',
      'Build the URL at run time from the environment (`DATABASE_URL`, or separate `PGPASSWORD`-style variables), keep the password in a secret manager, and prefer IAM / managed-identity authentication for managed databases (RDS IAM, Cloud SQL IAM, Entra ID).',
    ),
    cwe: SECRET_CWE,
  },
  severity: 'high',
  confidence: 'high',
  generic: false,
  *find({ text }: SecretScanInput): Iterable<SecretCandidate> {
    if (!text.includes('://')) return;
    DATABASE_URL.lastIndex = 0;
    for (let match = DATABASE_URL.exec(text); match; match = DATABASE_URL.exec(text)) {
      const { scheme = '', user = '', secret = '', host = '' } = match.groups ?? {};
      const span = match.indices?.groups?.['secret'];
      if (!span || isPlaceholderPassword(secret, user, host)) continue;
      yield {
        start: span[0],
        end: span[1],
        message: `Database URL (${scheme.toLowerCase()}) with an inline password ${redactSecret(secret)}: change the password and build the URL from the environment or a secret store.`,
      };
    }
  },
};
