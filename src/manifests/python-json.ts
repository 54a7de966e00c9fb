/**
 * pythonJsonDumps reproduces, byte for byte, what CPython's `json.dumps(value, sort_keys=True,
 * separators=…)` prints (ensure_ascii and allow_nan on, the defaults). Lock tools hash that text to tie
 * a lock to its manifest — pipenv with compact separators, Poetry with the defaults — so one differing
 * byte (a float printed `1e16` instead of `1e+16`, keys sorted by UTF-16 unit instead of code point, an
 * `é` left unescaped) would make every lock look stale.
 * See https://docs.python.org/3/library/json.html#json.dumps
 */

/** JsonSeparators are json.dumps' `(item_separator, key_separator)`. */
export type JsonSeparators = readonly [item: string, key: string];

/** PYTHON_DEFAULT_SEPARATORS are json.dumps' defaults when no indent is given. */
export const PYTHON_DEFAULT_SEPARATORS: JsonSeparators = [', ', ': '];

/** COMPACT_SEPARATORS are `separators=(",", ":")`. */
export const COMPACT_SEPARATORS: JsonSeparators = [',', ':'];

/** MAX_DEPTH mirrors CPython's default recursion limit, beyond which json.dumps raises RecursionError. */
const MAX_DEPTH = 1000;

/**
 * pythonJsonDumps serialises strings, numbers (a JavaScript number stands for a Python float), bigints
 * (Python ints), booleans, null, arrays and plain objects. Null when the value holds anything else, such
 * as a date: Python's json raises TypeError for those too.
 */
export function pythonJsonDumps(value: unknown, separators: JsonSeparators = PYTHON_DEFAULT_SEPARATORS): string | null {
  const out: string[] = [];
  return write(value, out, 0, separators) ? out.join('') : null;
}

function write(value: unknown, out: string[], depth: number, separators: JsonSeparators): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (typeof value) {
    case 'string':
      out.push(pythonJsonString(value));
      return true;
    case 'number':
      out.push(pythonFloatRepr(value));
      return true;
    case 'bigint':
      out.push(value.toString());
      return true;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    out.push('null');
    return true;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(separators[0]);
      if (!write(value[i], out, depth + 1, separators)) return false;
    }
    out.push(']');
    return true;
  }
  // Plain objects only (TOML parsers build them with a null prototype); dates and the like fail.
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareCodePoints);
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (i > 0) out.push(separators[0]);
    out.push(pythonJsonString(key), separators[1]);
    if (!write(record[key], out, depth + 1, separators)) return false;
  }
  out.push('}');
  return true;
}

/**
 * compareCodePoints orders strings as Python compares `str`: by Unicode code point. JavaScript's default
 * sort compares UTF-16 units, which puts U+E000–U+FFFF after astral characters; Python puts them before.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (part of an astral code point, >= U+10000) sorts after every other BMP unit.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * pythonJsonString is json's `py_encode_basestring_ascii`: printable ASCII (space to `~`) as is, the
 * short escapes for `"`, `\` and five control characters, everything else `\uXXXX` in lowercase hex
 * (astral characters as their surrogate pair, which is what iterating UTF-16 units yields).
 */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const code = text.charCodeAt(i);
    const short = ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * pythonFloatRepr is Python's `repr(float)`: the shortest digits that round-trip (which JavaScript's
 * Number-to-String also finds), laid out Python's way: scientific notation when the decimal exponent
 * is below -4 or at least 16 (`1e-05`, `1e+16`, exponent signed and at least two digits), otherwise
 * positional with at least one fractional digit (`3.0`). NaN and infinities are json's `NaN`,
 * `Infinity`, `-Infinity`.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const integerPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  // value = 0.DIGITS × 10^point
  let digits = integerPart + fraction;
  let point = integerPart.length + exponent;
  const leadingZeros = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  point -= leadingZeros;
  if (point > 16 || point <= -4) {
    const power = point - 1;
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
