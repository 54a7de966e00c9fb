import { describe, expect, it } from 'vitest';
import { djangoMarkSafe } from '../../../src/code/rules/django-mark-safe.js';
import { findingLines, scanWith } from '../helpers.js';

/** linesOf is the 1-based lines of a snippet that carry a `# flagged` marker. */
function markedLines(source: string): number[] {
  return source.split('\n').flatMap((line, i) => (line.includes('# flagged') ? [i + 1] : []));
}

describe('B703 django_mark_safe', () => {
  it('flags mark_safe of an unknown value with bandit metadata and location', async () => {
    const source = 'from django.utils.safestring import mark_safe\n\ndef render(request):\n    return mark_safe(request.GET["q"])\n';
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findings).toEqual([
      { ruleId: 'python.django-mark-safe', banditId: 'B703', path: 'app/module.py', line: 4, column: 12, severity: 'medium', confidence: 'high', cwe: 80, message: 'Potential XSS on mark_safe function.' },
    ]);
  });

  it('accepts what is provably constant', async () => {
    const source = [
      'from django.utils import safestring',
      'safestring.mark_safe("<b>ok</b>")',
      'safestring.SafeString("<b>ok</b>")',
      'title = "<h1>Title</h1>"',
      'safestring.mark_safe(title)',
      'first, second = ("<i>a</i>", "b")',
      'safestring.SafeText(first)',
      'copy = title',
      'safestring.mark_safe(copy)',
      'a = b = "<br>"',
      'safestring.mark_safe(b)',
      '',
      'def branches(flag):',
      '    if flag:',
      '        html = "<b>yes</b>"',
      '    elif flag is None:',
      '        html = "<b>none</b>"',
      '    else:',
      '        html = "<b>no</b>"',
      '    safestring.mark_safe(html)',
      '',
      'def formats():',
      '    word = "safe"',
      '    safestring.mark_safe("<b>{}</b>".format(word))',
      '    safestring.mark_safe("<b>{} {}</b>".format(word, "x"))',
      '    safestring.mark_safe("<b>{}</b>".format(*[word, "y"]))',
      '    safestring.mark_safe("<b>%s</b>" % word)',
      '    safestring.mark_safe("<b>%s %s</b>" % (word, "z"))',
      '    word = "<i>{}</i>".format(word)',
      '    safestring.mark_safe(word)',
      '',
      'def loops():',
      '    out = ""',
      '    for _ in range(3):',
      '        out += "<br>"',
      '    while len(out) < 10:',
      '        out += "."',
      '    safestring.mark_safe(out)',
      '',
      'def guarded():',
      '    try:',
      '        msg = "a"',
      '    except ValueError:',
      '        msg = "b"',
      '    else:',
      '        msg = "c"',
      '    finally:',
      '        msg = "d"',
      '    safestring.mark_safe(msg)',
    ].join('\n');
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findings).toEqual([]);
  });

  it('flags parameters, unknown calls, attributes, f-strings, unsafe branches and unassigned names', async () => {
    const source = [
      'from django.utils import safestring',
      'from django.utils.safestring import mark_safe as ms',
      'import django.utils.safestring',
      'def build(text):',
      '    return "<h1>{}</h1>".format(text)',
      'page = build("x")',
      'safestring.mark_safe(page)  # flagged',
      'ms(f"<b>{page}</b>")  # flagged',
      'django.utils.safestring.SafeBytes(page)  # flagged',
      'left, right = pick()',
      'ms("<a href={0}>{1}</a>".format(left, right))  # flagged',
      'module_level = "<b>ok</b>"',
      '',
      'def shadow():',
      '    ms(module_level)  # flagged',
      '',
      'def param(value):',
      '    ms(value)  # flagged',
      '',
      'def param_default(value=None):',
      '    if not value:',
      '        value = "fallback"',
      '    ms(value)  # flagged',
      '',
      'def one_bad_branch(flag, user):',
      '    if flag:',
      '        html = user.bio',
      '    else:',
      '        html = "<b>ok</b>"',
      '    ms(html)  # flagged',
      '',
      'def bad_finally(user):',
      '    try:',
      '        pass',
      '    finally:',
      '        html = build(user)',
      '    ms(html)  # flagged',
      '',
      'def keywords(user):',
      '    ms("<b>{b}</b>".format(b=user))  # flagged',
      '    ms("<b>%(b)s</b>" % {"b": user})  # flagged',
      '    ms("<b>" + user + "</b>")  # flagged',
      '',
      'def with_file(path):',
      '    with open(path) as handle:',
      '        ms(handle)  # flagged',
      '        ms(handle.read())  # flagged',
      '',
      'def loop(items):',
      '    out = ""',
      '    for item in items:',
      '        out += build(item)',
      '    ms(out)  # flagged',
      '',
      'def loop_target(items):',
      '    item = "<b>ok</b>"',
      '    for item in items:',
      '        pass',
      '    ms(item)  # flagged',
      '',
      'def imported():',
      '    from sre_constants import ANY',
      '    ms(ANY)  # flagged',
    ].join('\n');
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findings.map((f) => f.line)).toEqual(markedLines(source));
  });

  it('follows the last top-level assignment before the call, as bandit does', async () => {
    const source = [
      'from django.utils.safestring import mark_safe',
      'def f(user):',
      '    html = build(user)', // a call: unsafe, but a later assignment may still make it safe
      '    html = "<b>reset</b>"',
      '    mark_safe(html)',
      '    html = build(user)',
      '    mark_safe(html)  # flagged',
      '',
      'def g(user):',
      '    html = user.bio', // anything else: unsafe for good (bandit stops the trace there)
      '    html = "<b>reset</b>"',
      '    mark_safe(html)  # flagged',
    ].join('\n');
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findings.map((f) => f.line)).toEqual(markedLines(source));
  });

  it('does not flag look-alikes: other mark_safe functions, unrelated names of the family', async () => {
    const source = [
      'from django.utils import html',
      'from mylib import mark_safe',
      'import django.utils.safestring',
      'mark_safe(user)',
      'html.escape(user)',
      'obj.mark_safe(user)',
      'django.utils.safestring.SafeData()',
    ].join('\n');
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findings).toEqual([]);
  });

  it('takes the argument by keyword too, and ignores a call without one', async () => {
    const source = 'from django.utils.safestring import mark_safe\nmark_safe(s=user)\nmark_safe()\nmark_safe(s="<b>ok</b>")\n';
    const { findings } = await scanWith(djangoMarkSafe, source);
    expect(findingLines(findings, true)).toEqual(['2:B703']);
  });

  it('honours # nosec', async () => {
    const source = 'from django.utils.safestring import mark_safe\nmark_safe(a)  # nosec\nmark_safe(b)  # nosec B703\nmark_safe(c)  # nosec B308\n';
    const { findings, silenced } = await scanWith(djangoMarkSafe, source);
    expect(findingLines(findings, true)).toEqual(['4:B703']);
    expect(silenced).toBe(2);
  });

  it('survives hostile input: self-referencing and long assignment chains, deep nesting, many calls', async () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `v${i + 1} = v${i}`).join('\n');
    const sources = [
      'from django.utils.safestring import mark_safe\nx = (\n    x)\nmark_safe(x)\n',
      `from django.utils.safestring import mark_safe\nv0 = "<b>"\n${chain}\nmark_safe(v2000)\n`,
      `from django.utils.safestring import mark_safe\n${'('.repeat(3000)}mark_safe(x)${')'.repeat(3000)}\n`,
      `from django.utils.safestring import mark_safe\nx = "a"\n${'mark_safe(x)\n'.repeat(3000)}`,
    ];
    const results = [];
    for (const source of sources) results.push(await scanWith(djangoMarkSafe, source));
    for (const result of results) expect(result.errors).toEqual([]);
    expect(results[0]?.findings).toHaveLength(1);
    // Past the trace's depth budget the value is treated as unsafe.
    expect(results[1]?.findings).toHaveLength(1);
    expect(results[3]?.findings).toEqual([]);
  });
});
