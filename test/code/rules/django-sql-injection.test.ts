import { describe, expect, it } from 'vitest';
import { djangoExtraUsed, djangoRawsqlUsed } from '../../../src/code/rules/django-sql-injection.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B610 django_extra_used', () => {
  it('flags extra() with a non-literal select, with bandit metadata', async () => {
    const source = 'from django.contrib.auth.models import User\nUser.objects.filter(username="admin").extra(select={"test": query})\n';
    expect((await scanWith(djangoExtraUsed, source)).findings).toEqual([
      {
        ruleId: 'python.django-extra-used',
        banditId: 'B610',
        path: 'app/module.py',
        line: 2,
        column: 1,
        severity: 'medium',
        confidence: 'medium',
        cwe: 89,
        message: 'Use of extra potential SQL attack vector.',
      },
    ]);
  });

  it('flags formatted or variable where/tables/select, positional or keyword', async () => {
    const source = [
      'qs.extra(dict(could_be="insecure"))', // select is not a dict display
      'qs.extra(select={"test": "%secure" % "nos"})',
      'qs.extra(select={key: "x"})',
      'qs.extra(where=where_var)',
      'qs.extra(where=["{}secure".format("no")])',
      'qs.extra(tables=[f"{t}"])',
      'qs.extra({"a": "b"}, ["c"], [x], t)', // fourth positional is tables
      'qs.extra({**d})',
      'qs.extra(*args)',
    ].join('\n');
    expect(findingLines((await scanWith(djangoExtraUsed, source)).findings, true)).toEqual(
      ['1:B610', '2:B610', '3:B610', '4:B610', '5:B610', '6:B610', '7:B610', '8:B610', '9:B610'],
    );
  });

  it('does not flag literal SQL, params, or other calls', async () => {
    const source = [
      'qs.extra(select={"test": "secure"})',
      'qs.extra(where=["secure"], params=[user_input])',
      'qs.extra(tables=["auth_user"]).distinct()',
      'qs.extra({"a": "b"}, ["c"], [x], ["t"], order_by)',
      'qs.extra()',
      'qs.extras(where=w)',
      'qs.extra_where(w)',
    ].join('\n');
    expect((await scanWith(djangoExtraUsed, source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scanWith(djangoExtraUsed, 'qs.extra(where=w)  # nosec B610\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});

describe('B611 django_rawsql_used', () => {
  it('flags RawSQL with non-literal SQL, with bandit metadata', async () => {
    const source = 'from django.db.models.expressions import RawSQL\nUser.objects.annotate(val=RawSQL(raw, []))\n';
    expect((await scanWith(djangoRawsqlUsed, source)).findings).toEqual([
      {
        ruleId: 'python.django-rawsql-used',
        banditId: 'B611',
        path: 'app/module.py',
        line: 2,
        column: 27,
        severity: 'medium',
        confidence: 'medium',
        cwe: 89,
        message: 'Use of RawSQL potential SQL attack vector.',
      },
    ]);
  });

  it('takes every import form of django.db.models, and the sql= keyword', async () => {
    const source = [
      'import django.db.models',
      'from django.db import models as m',
      'django.db.models.RawSQL("%secure" % "nos", [])',
      'm.expressions.RawSQL("{}".format(x), [])',
      'RawSQL(sql=f"SELECT {c}", params=[])',
    ].join('\n');
    expect(findingLines((await scanWith(djangoRawsqlUsed, source)).findings, true)).toEqual(['3:B611', '4:B611', '5:B611']);
  });

  it('does not flag literal SQL, modules without django.db.models, or other names', async () => {
    expect((await scanWith(djangoRawsqlUsed, 'from django.db.models import RawSQL\nRawSQL("SELECT 1", [])\nRawSQL(("SELECT" " 2"), [])\nRawSQL()\nRaw(q)\n')).findings).toEqual([]);
    expect((await scanWith(djangoRawsqlUsed, 'from sqlbuilder import RawSQL\nRawSQL(q, [])\n')).findings).toEqual([]);
  });
});
