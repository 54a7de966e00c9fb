import { describe, expect, it } from 'vitest';
import {
  hardcodedPasswordDefault,
  hardcodedPasswordFuncarg,
  hardcodedPasswordString,
  PASSWORD_NAME,
} from '../../../src/code/rules/hardcoded-password.js';
import { findingLines, scanWith } from '../helpers.js';

const messages = async (rule: Parameters<typeof scanWith>[0], source: string) =>
  (await scanWith(rule, source)).findings.map((f) => `${f.line}:${f.column}:${f.message}`);

describe('password-like names (bandit RE_CANDIDATES)', () => {
  it('matches the words whole or as _-separated parts, case-insensitively', () => {
    for (const name of ['password', 'PASSWORD', 'pass', 'passwd', 'pwd', 'token', 'secret', 'secrete', 'passphrase', 'pasword', 'EMAIL_PASSWORD', 'email_pwd', 'my_secret_password_for_email', 'access_token', 'token_type', 'db_pass']) {
      expect(PASSWORD_NAME.test(name), name).toBe(true);
    }
    for (const name of ['passenger', 'bypass', 'tokens', 'password2', 'mypassword', 'secretary', 'pas_through', 'a']) {
      expect(PASSWORD_NAME.test(name), name).toBe(false);
    }
  });
});

describe('B105 hardcoded password string', () => {
  it('flags a string assigned to a password-like variable, at the string', async () => {
    const { findings } = await scanWith(hardcodedPasswordString, 'password = "blerg"\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.hardcoded-password-string',
        banditId: 'B105',
        path: 'app/module.py',
        line: 1,
        column: 12,
        severity: 'low',
        confidence: 'medium',
        cwe: 259,
        message: "Possible hardcoded password: 'blerg'",
      },
    ]);
  });

  it('covers attributes, subscripts, chains, annotations and class bodies (bandit examples)', async () => {
    const source = [
      'a.password = "s1"',
      'a["password"] = "s2"',
      'a[password] = "s3"',
      'password = b.c = d["e"] = "s4"',
      'a = b.c = d["password"] = "s5"',
      'password: str = "s6"',
      'o.secret: str = "s7"',
      'class Settings:',
      '    DB_PASSWORD = "s8"',
      'EMAIL_PASSWORD = ("s9")',
    ].join('\n');
    expect(await messages(hardcodedPasswordString, source)).toEqual([
      "1:14:Possible hardcoded password: 's1'",
      "2:17:Possible hardcoded password: 's2'",
      "3:15:Possible hardcoded password: 's3'",
      "4:27:Possible hardcoded password: 's4'",
      "5:27:Possible hardcoded password: 's5'",
      "6:17:Possible hardcoded password: 's6'",
      "7:17:Possible hardcoded password: 's7'",
      "9:19:Possible hardcoded password: 's8'",
      "10:18:Possible hardcoded password: 's9'",
    ]);
  });

  it('covers dict displays and comparisons with any operand order', async () => {
    const source = [
      'conf = {"api_token": "t1", "user": "bob", token_key: "x"}',
      'conf2 = dict(**{password: "t2"})',
      'if password == "root": pass',
      'if "" != user.password: pass',
      'if request["pwd"] == "t3" or pwd in ("a",): pass',
    ].join('\n');
    expect(await messages(hardcodedPasswordString, source)).toEqual([
      "1:22:Possible hardcoded password: 't1'",
      "1:54:Possible hardcoded password: 'x'",
      "2:27:Possible hardcoded password: 't2'",
      "3:16:Possible hardcoded password: 'root'",
      "4:4:Possible hardcoded password: ''",
      "5:22:Possible hardcoded password: 't3'",
    ]);
  });

  it('does not flag look-alikes (bandit\'s "not!" examples) or non-str values', async () => {
    const source = [
      'a = "password"',
      'password.a = "x"',
      'password["b"] = "x"',
      'password[b] = "x"',
      'a["b"] = "password"',
      'a = password.c = d["e"] = f[g] = "x"',
      'password = None',
      'password = b"bytes"',
      'password = f"{x}"',
      'password = get_password()',
      'passenger = "x"',
      'password += "x"',
      'a, password = "x", "y"',
      'if password == other: pass',
      '{"password": 1}',
      'password: "annotation"',
      'x = {"user": "password"}',
    ].join('\n');
    expect((await scanWith(hardcodedPasswordString, source)).findings).toEqual([]);
  });

  it('keeps messages short and free of control characters', async () => {
    const { findings } = await scanWith(hardcodedPasswordString, `token = "line1\\nline2${'x'.repeat(100)}"\n`);
    expect(findings.map((f) => f.message)).toEqual([`Possible hardcoded password: 'line1\\nline2${'x'.repeat(28)}…'`]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scanWith(hardcodedPasswordString, 'password = "a"  # nosec B105\npassword = "b"  # nosec B106\n');
    expect(findingLines(findings, true)).toEqual(['2:B105']);
    expect(silenced).toBe(1);
  });
});

describe('B106 hardcoded password funcarg', () => {
  it('flags each password-like keyword argument with a string, at the value', async () => {
    const { findings } = await scanWith(hardcodedPasswordFuncarg, 'doLogin(user="u", password="blerg", api_token="t")\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.hardcoded-password-funcarg',
        banditId: 'B106',
        path: 'app/module.py',
        line: 1,
        column: 28,
        severity: 'low',
        confidence: 'medium',
        cwe: 259,
        message: "Possible hardcoded password: 'blerg'",
      },
      expect.objectContaining({ line: 1, column: 47, message: "Possible hardcoded password: 't'" }),
    ]);
  });

  it('does not flag positional strings, non-str values or other names', async () => {
    const source = 'login("password")\nlogin(password=None)\nlogin(password=pw)\nlogin(passenger="x")\nlogin(password=b"x")\nlogin(**{"password": "x"})\n';
    expect((await scanWith(hardcodedPasswordFuncarg, source)).findings).toEqual([]);
  });

  it('honours # nosec on the line of the value in a multi-line call', async () => {
    const source = 'connect(\n    host="h",\n    password="p",  # nosec B106\n)\n';
    const { findings, silenced } = await scanWith(hardcodedPasswordFuncarg, source);
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});

describe('B107 hardcoded password default', () => {
  it('flags string defaults of password-like parameters, keyword-only and typed ones included', async () => {
    const source = 'def someFunction(user, password="Admin"):\n    pass\nasync def f(a, /, pwd: str = "p", *, secret="s", other="o"): pass\n';
    const { findings } = await scanWith(hardcodedPasswordDefault, source);
    expect(findings[0]).toEqual({
      ruleId: 'python.hardcoded-password-default',
      banditId: 'B107',
      path: 'app/module.py',
      line: 1,
      column: 33,
      severity: 'low',
      confidence: 'medium',
      cwe: 259,
      message: "Possible hardcoded password: 'Admin'",
    });
    expect(findings.slice(1).map((f) => `${f.line}:${f.message}`)).toEqual([
      "3:Possible hardcoded password: 'p'",
      "3:Possible hardcoded password: 's'",
    ]);
  });

  it('does not flag None defaults, non-string defaults, other names or lambdas', async () => {
    const source = 'def f(password=None, token=0, user="x"): pass\nlambda password="x": 1\ndef g(password): pass\n';
    expect((await scanWith(hardcodedPasswordDefault, source)).findings).toEqual([]);
  });
});
