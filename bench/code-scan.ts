/**
 * Code-scanning benchmark (issue 7, "Performance"): pipwarden's code scan against bandit on the same files.
 *
 * The corpus is generated, not taken from the Python standard library: this machine's /usr/lib/python3.11
 * holds 668 `.py` files, fewer than the 2,000 the benchmark needs. A seeded generator (mulberry32, fixed
 * seed) writes the same 2,400 modules on every run into a temporary folder: imports (some aliased), module
 * constants, classes and functions whose bodies mix ordinary code with calls to subprocess, pickle, yaml,
 * requests, hashlib, sqlite3 and friends, with and without the risky arguments, try/except/pass, SQL built
 * from strings, asserts, a few committed secrets and `# nosec` comments; most modules are short, some run
 * to thousands of lines. Every generated module is valid Python 3 (bandit skips files it cannot parse).
 *
 * pipwarden is timed end to end from disk, as bandit is: listing, reading, parsing, rules (and secrets),
 * `scanCode` with the default configuration, once with secrets and once with the rules only. Each
 * measurement is a warm-up run and then the median of 3. Where `bandit` is on PATH, `bandit -r <dir> -f
 * json -q` is timed the same way (it exits 1 when it finds issues), and the findings of both are compared
 * per bandit id.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { scanCode, type CodeScanResult } from '../src/code/scan.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { LocalRepoFiles } from '../src/sources/local.js';

const SEED = 20261129;
/** GNU time, for bandit's CPU time (Debian's `time` package). */
const GNU_TIME = '/usr/bin/time';
const FILE_COUNT = 2400;
/** Runs measured after the warm-up; the median is printed. */
const RUNS = 3;

// ---------------------------------------------------------------------------------------------------------
// The corpus generator.

/** Random is a seeded generator: the corpus is the same on every machine and every run. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** next is mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  text(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return text;
  }
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const WORDS = [
  'account', 'order', 'invoice', 'customer', 'report', 'session', 'upload', 'cache', 'metric', 'event',
  'payment', 'shipment', 'profile', 'token', 'record', 'batch', 'job', 'queue', 'widget', 'catalog',
  'inventory', 'ledger', 'message', 'channel', 'device', 'sensor', 'tenant', 'policy', 'audit', 'export',
];

/** An import the module may carry: the line, and the names its snippets need. */
interface ImportChoice {
  line: string;
  provides: readonly string[];
  weight: number;
}

const IMPORTS: readonly ImportChoice[] = [
  { line: 'import os', provides: ['os'], weight: 0.6 },
  { line: 'import sys', provides: ['sys'], weight: 0.3 },
  { line: 'import json', provides: ['json'], weight: 0.5 },
  { line: 'import logging', provides: ['logging'], weight: 0.6 },
  { line: 'import re', provides: ['re'], weight: 0.3 },
  { line: 'import time', provides: ['time'], weight: 0.3 },
  { line: 'from dataclasses import dataclass, field', provides: ['dataclass'], weight: 0.2 },
  { line: 'from typing import Any, Dict, Iterable, List, Optional', provides: ['typing'], weight: 0.5 },
  { line: 'from pathlib import Path', provides: ['Path'], weight: 0.3 },
  { line: 'from functools import lru_cache', provides: ['lru_cache'], weight: 0.15 },
  { line: 'import subprocess', provides: ['subprocess'], weight: 0.25 },
  { line: 'import subprocess as sp', provides: ['sp'], weight: 0.05 },
  { line: 'from subprocess import Popen, PIPE, check_output', provides: ['Popen'], weight: 0.05 },
  { line: 'import pickle', provides: ['pickle'], weight: 0.12 },
  { line: 'import yaml', provides: ['yaml'], weight: 0.15 },
  { line: 'import requests', provides: ['requests'], weight: 0.25 },
  { line: 'import hashlib', provides: ['hashlib'], weight: 0.2 },
  { line: 'import sqlite3', provides: ['sqlite3'], weight: 0.12 },
  { line: 'import random', provides: ['random'], weight: 0.12 },
  { line: 'import tempfile', provides: ['tempfile'], weight: 0.1 },
  { line: 'import socket', provides: ['socket'], weight: 0.08 },
  { line: 'import ssl', provides: ['ssl'], weight: 0.05 },
  { line: 'import marshal', provides: ['marshal'], weight: 0.02 },
  { line: 'import telnetlib', provides: ['telnetlib'], weight: 0.01 },
  { line: 'import xml.etree.ElementTree as ET', provides: ['ET'], weight: 0.05 },
  { line: 'from urllib.request import urlopen', provides: ['urlopen'], weight: 0.05 },
  { line: 'from flask import Flask, request', provides: ['flask'], weight: 0.04 },
  { line: 'from jinja2 import Environment, FileSystemLoader', provides: ['jinja2'], weight: 0.03 },
];

/**
 * A body snippet: lines relative to the body's indentation, the imported names it needs, and how often
 * it is drawn. Names it uses but does not define (`cursor`, `items`) are the function's parameters or
 * free names: the scanners read code, they do not run it.
 */
interface Snippet {
  lines: readonly string[];
  needs?: readonly string[];
  weight: number;
}

const SNIPPETS: readonly Snippet[] = [
  // Ordinary code, most of what a module holds.
  { weight: 9, lines: ['total = sum(item.price * item.quantity for item in items if item.active)'] },
  { weight: 9, lines: ['result = []', 'for index, value in enumerate(items):', '    if value is None:', '        continue', '    result.append((index, value * 2))'] },
  { weight: 6, lines: ['if not isinstance(name, str):', '    raise TypeError(f"expected str, got {type(name).__name__}")'] },
  { weight: 6, lines: ['options = {"host": host, "port": int(port), "retries": 3, "backoff": 0.5}'] },
  { weight: 6, lines: ['with open(path, "r", encoding="utf-8") as handle:', '    text = handle.read()', 'lines = [line.strip() for line in text.splitlines() if line.strip()]'] },
  { weight: 6, lines: ['while attempts < limit:', '    attempts += 1', '    if self.ready():', '        break', 'else:', '    return None'] },
  { weight: 6, lines: ['mapping = {key: value for key, value in pairs if key and not key.startswith("_")}'] },
  { weight: 3, lines: ['try:', '    value = int(raw)', 'except ValueError:', '    value = default'] },
  { weight: 3, lines: ['if count > 100:', '    label = "many"', 'elif count > 10:', '    label = "some"', 'else:', '    label = "few"'] },
  { weight: 6, lines: ['logger.info("processed %d records for %s", len(items), name)'], needs: ['logging'] },
  { weight: 3, lines: ['logger.debug("cache miss for %r", key)'], needs: ['logging'] },
  { weight: 6, lines: ['payload = json.dumps({"name": name, "items": list(items)}, sort_keys=True)'], needs: ['json'] },
  { weight: 3, lines: ['data = json.loads(payload or "{}")'], needs: ['json'] },
  { weight: 6, lines: ['target = os.path.join(base_dir, name, "index.json")', 'os.makedirs(os.path.dirname(target), exist_ok=True)'], needs: ['os'] },
  { weight: 3, lines: ['home = os.environ.get("APP_HOME", os.getcwd())'], needs: ['os'] },
  { weight: 3, lines: ['pattern = re.compile(r"^(?P<key>[a-z_]+)=(?P<value>.*)$")', 'match = pattern.match(line)'], needs: ['re'] },
  { weight: 3, lines: ['started = time.monotonic()', 'elapsed = time.monotonic() - started'], needs: ['time'] },
  { weight: 3, lines: ['root = Path(base_dir) / "data"', 'files = sorted(p for p in root.glob("*.csv") if p.is_file())'], needs: ['Path'] },
  // subprocess, safe and risky.
  { weight: 2, lines: ['subprocess.run(["git", "status", "--porcelain"], check=True, capture_output=True)'], needs: ['subprocess'] },
  { weight: 1, lines: ['output = subprocess.check_output(["/usr/bin/uname", "-a"], text=True)'], needs: ['subprocess'] },
  { weight: 1, lines: ['subprocess.call(command, shell=True)'], needs: ['subprocess'] },
  { weight: 1, lines: ['proc = subprocess.Popen("tar czf " + archive + " " + path, shell=True, stdout=subprocess.PIPE)', 'out, err = proc.communicate()'], needs: ['subprocess'] },
  { weight: 1, lines: ['sp.run(f"rsync -a {source} {target}", shell=True, check=False)'], needs: ['sp'] },
  { weight: 1, lines: ['Popen(["ls", "-l", path], stdout=PIPE)'], needs: ['Popen'] },
  { weight: 1, lines: ['os.system("rm -rf " + path)'], needs: ['os'] },
  { weight: 1, lines: ['os.popen("df -h").read()'], needs: ['os'] },
  // pickle, marshal, yaml.
  { weight: 1, lines: ['obj = pickle.loads(blob)'], needs: ['pickle'] },
  { weight: 1, lines: ['with open(path, "wb") as handle:', '    pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)'], needs: ['pickle'] },
  { weight: 1, lines: ['code = marshal.loads(raw)'], needs: ['marshal'] },
  { weight: 2, lines: ['settings = yaml.safe_load(stream)'], needs: ['yaml'] },
  { weight: 1, lines: ['settings = yaml.load(stream)'], needs: ['yaml'] },
  { weight: 1, lines: ['settings = yaml.load(stream, Loader=yaml.FullLoader)'], needs: ['yaml'] },
  { weight: 1, lines: ['settings = yaml.load(stream, Loader=yaml.SafeLoader)'], needs: ['yaml'] },
  // requests.
  { weight: 2, lines: ['response = requests.get(url, params={"page": page}, timeout=10)', 'response.raise_for_status()'], needs: ['requests'] },
  { weight: 1, lines: ['response = requests.post(url, json=payload)'], needs: ['requests'] },
  { weight: 1, lines: ['response = requests.get(url, verify=False, timeout=5)'], needs: ['requests'] },
  { weight: 1, lines: ['session = requests.Session()', 'session.headers.update({"Accept": "application/json"})'], needs: ['requests'] },
  // hashlib.
  { weight: 2, lines: ['digest = hashlib.sha256(data).hexdigest()'], needs: ['hashlib'] },
  { weight: 1, lines: ['checksum = hashlib.md5(data).hexdigest()'], needs: ['hashlib'] },
  { weight: 1, lines: ['fingerprint = hashlib.sha1(key.encode("utf-8")).hexdigest()'], needs: ['hashlib'] },
  { weight: 1, lines: ['etag = hashlib.md5(body, usedforsecurity=False).hexdigest()'], needs: ['hashlib'] },
  { weight: 1, lines: ['hasher = hashlib.new("sha1")', 'hasher.update(data)'], needs: ['hashlib'] },
  // SQL.
  { weight: 2, lines: ['cursor.execute("SELECT id, name FROM users WHERE id = ?", (user_id,))', 'row = cursor.fetchone()'] },
  { weight: 1, lines: ['query = "SELECT * FROM orders WHERE customer = \'%s\'" % customer', 'cursor.execute(query)'] },
  { weight: 1, lines: ['cursor.execute(f"DELETE FROM sessions WHERE user_id = {user_id}")'] },
  { weight: 1, lines: ['cursor.execute("UPDATE accounts SET balance = " + str(amount) + " WHERE id = " + str(account_id))'] },
  { weight: 1, lines: ['connection = sqlite3.connect(database_path)', 'connection.execute("INSERT INTO audit (event) VALUES (?)", (event,))'], needs: ['sqlite3'] },
  // try/except that swallows.
  { weight: 2, lines: ['try:', '    self.flush()', 'except Exception:', '    pass'] },
  { weight: 1, lines: ['for item in items:', '    try:', '        item.close()', '    except OSError:', '        continue'] },
  { weight: 1, lines: ['try:', '    import ujson as fast_json', 'except ImportError:', '    fast_json = None'] },
  // assert, eval, exec, chmod, tmp, bind.
  { weight: 3, lines: ['assert user is not None, "user required"'] },
  { weight: 1, lines: ['value = eval(expression)'] },
  { weight: 1, lines: ['exec(compile(source, "<generated>", "exec"), namespace)'] },
  { weight: 1, lines: ['os.chmod(path, 0o777)'], needs: ['os'] },
  { weight: 1, lines: ['os.chmod(path, 0o600)'], needs: ['os'] },
  { weight: 1, lines: ['scratch = "/tmp/" + name + ".partial"'] },
  { weight: 1, lines: ['server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)', 'server.bind(("0.0.0.0", port))'], needs: ['socket'] },
  // random, tempfile, ssl, xml, urllib, telnet, flask, jinja2.
  { weight: 1, lines: ['jitter = random.random() * backoff'], needs: ['random'] },
  { weight: 1, lines: ['nonce = random.choice(alphabet) + random.choice(alphabet)'], needs: ['random'] },
  { weight: 1, lines: ['scratch = tempfile.mktemp(suffix=".json")'], needs: ['tempfile'] },
  { weight: 1, lines: ['with tempfile.TemporaryDirectory() as workdir:', '    self.extract(workdir)'], needs: ['tempfile'] },
  { weight: 1, lines: ['context = ssl._create_unverified_context()'], needs: ['ssl'] },
  { weight: 1, lines: ['context = ssl.create_default_context()', 'context.check_hostname = True'], needs: ['ssl'] },
  { weight: 1, lines: ['tree = ET.parse(path)', 'root = tree.getroot()'], needs: ['ET'] },
  { weight: 1, lines: ['document = ET.fromstring(body)'], needs: ['ET'] },
  { weight: 1, lines: ['with urlopen(url) as reply:', '    body = reply.read()'], needs: ['urlopen'] },
  { weight: 1, lines: ['client = telnetlib.Telnet(host, port, timeout=5)'], needs: ['telnetlib'] },
  { weight: 1, lines: ['env = Environment(loader=FileSystemLoader("templates"), autoescape=False)'], needs: ['jinja2'] },
  { weight: 1, lines: ['name = request.args.get("name", "")'], needs: ['flask'] },
  // Silenced on purpose.
  { weight: 1, lines: ['subprocess.call(command, shell=True)  # nosec B602 - command is built from constants'], needs: ['subprocess'] },
  { weight: 1, lines: ['assert config.ready  # nosec'] },
];

const PARAMETERS = [
  '', 'items', 'path', 'url', 'name, value', 'items, limit=100', 'path, mode="r"', 'cursor, user_id',
  'command, timeout=30', 'payload, *, retries=3', 'stream', 'data, key=None', 'host, port=8080',
  'url, password="admin-2019"', 'user, token', 'blob, *args, **kwargs',
];

const BASES = ['object', 'Base', 'Exception', 'dict', 'Protocol', 'Service', 'Handler'];

/** pickWeighted draws a snippet among those the module's imports allow. */
function pickWeighted(random: Random, snippets: readonly Snippet[], totalWeight: number): Snippet {
  let left = random.next() * totalWeight;
  for (const snippet of snippets) {
    left -= snippet.weight;
    if (left < 0) return snippet;
  }
  const last = snippets[snippets.length - 1];
  if (!last) throw new Error('no snippet to pick');
  return last;
}

/** secretLine is a module constant holding a committed secret (a fresh random value of a real format). */
function secretLine(random: Random): string {
  switch (random.int(0, 4)) {
    case 0:
      return `AWS_ACCESS_KEY_ID = "${'AK' + 'IA'}${random.text(UPPER_DIGITS, 16)}"`;
    case 1:
      return `GITHUB_TOKEN = "${'gh' + 'p_'}${random.text(BASE62, 36)}"`;
    case 2:
      return `DATABASE_URL = "postgresql://app:${random.text(BASE62, 20)}@db.internal:5432/app"`;
    case 3:
      return `api_secret = "${random.text(BASE62, 40)}"`;
    default:
      return `SLACK_WEBHOOK = "https://hooks.slack.com/services/T${random.text(UPPER_DIGITS, 8)}/B${random.text(UPPER_DIGITS, 8)}/${random.text(BASE62, 24)}"`;
  }
}

/** functionLines is one function (a method when `indent` is set): signature, docstring, body, return. */
function functionLines(random: Random, snippets: readonly Snippet[], totalWeight: number, indent: string, method: boolean): string[] {
  const name = `${random.pick(['get', 'load', 'save', 'build', 'run', 'sync', 'parse', 'render', 'check', 'update'])}_${random.pick(WORDS)}`;
  const params = random.pick(PARAMETERS);
  const signature = method ? (params === '' ? 'self' : `self, ${params}`) : params;
  const lines = [`${indent}${random.chance(0.1) ? 'async ' : ''}def ${name}(${signature}):`];
  const body = `${indent}    `;
  if (random.chance(0.6)) lines.push(`${body}"""${name.replace(/_/g, ' ')}: ${random.pick(WORDS)} handling for the ${random.pick(WORDS)} service."""`);
  const statements = random.int(1, 5);
  for (let s = 0; s < statements; s++) {
    if (random.chance(0.15)) lines.push(`${body}# ${random.pick(WORDS)} ${random.pick(WORDS)}: keep in sync with the ${random.pick(WORDS)} schema`);
    for (const line of pickWeighted(random, snippets, totalWeight).lines) lines.push(`${body}${line}`);
  }
  lines.push(`${body}return ${random.pick(['None', 'result', 'True', 'len(items)', '{"ok": True}', 'self'])}`);
  return lines;
}

/** moduleSource is one generated module; `size` is how many top-level definitions it holds. */
function moduleSource(random: Random, size: number): string {
  const imports = IMPORTS.filter((choice) => random.chance(choice.weight));
  const available = new Set(imports.flatMap((choice) => choice.provides));
  const snippets = SNIPPETS.filter((snippet) => (snippet.needs ?? []).every((name) => available.has(name)));
  const totalWeight = snippets.reduce((sum, snippet) => sum + snippet.weight, 0);

  const lines = [`"""${random.pick(WORDS)} ${random.pick(WORDS)} module: ${random.pick(WORDS)} and ${random.pick(WORDS)} helpers."""`];
  if (random.chance(0.3)) lines.push('from __future__ import annotations');
  lines.push('');
  for (const choice of imports) lines.push(choice.line);
  lines.push('');
  if (available.has('logging')) lines.push('logger = logging.getLogger(__name__)');
  lines.push(`DEFAULT_TIMEOUT = ${random.int(5, 120)}`, `${random.pick(WORDS).toUpperCase()}_LIMIT = ${random.int(10, 5000)}`);
  if (random.chance(0.05)) lines.push('DB_PASSWORD = "Winter2019!"');
  if (random.chance(0.03)) lines.push(secretLine(random));
  if (random.chance(0.03)) lines.push('BIND_ADDRESS = "0.0.0.0"');
  if (available.has('flask')) lines.push('app = Flask(__name__)');
  lines.push('', '');

  for (let d = 0; d < size; d++) {
    if (random.chance(0.35)) {
      const name = `${random.pick(WORDS).replace(/^./, (c) => c.toUpperCase())}${random.pick(['Manager', 'Client', 'Store', 'Worker', 'View', 'Error', 'Config'])}`;
      lines.push(`class ${name}(${random.pick(BASES)}):`, `    """${name}: the ${random.pick(WORDS)} side of the ${random.pick(WORDS)} flow."""`, '');
      lines.push('    retries = 3', '', '    def __init__(self, name, timeout=DEFAULT_TIMEOUT):', '        self.name = name', '        self.timeout = timeout', '        self._cache = {}');
      const methods = random.int(1, 6);
      for (let m = 0; m < methods; m++) lines.push('', ...functionLines(random, snippets, totalWeight, '    ', true));
    } else {
      if (available.has('lru_cache') && random.chance(0.3)) lines.push('@lru_cache(maxsize=128)');
      lines.push(...functionLines(random, snippets, totalWeight, '', false));
    }
    lines.push('', '');
  }
  if (available.has('flask') && random.chance(0.5)) lines.push('if __name__ == "__main__":', '    app.run(host="0.0.0.0", debug=True)');
  else lines.push('if __name__ == "__main__":', `    ${random.chance(0.5) ? 'main()' : 'print(DEFAULT_TIMEOUT)'}`);
  return `${lines.join('\n')}\n`;
}

/** CorpusStats says what was generated. */
export interface CorpusStats {
  files: number;
  lines: number;
  bytes: number;
}

/** generateCorpus writes FILE_COUNT modules under `root`, in packages of 40. */
export async function generateCorpus(root: string): Promise<CorpusStats> {
  const random = new Random(SEED);
  const stats: CorpusStats = { files: 0, lines: 0, bytes: 0 };
  for (let i = 0; i < FILE_COUNT; i++) {
    const roll = random.next();
    // Mostly short modules, some medium, a few long ones (thousands of lines).
    const size = roll < 0.5 ? random.int(1, 3) : roll < 0.88 ? random.int(4, 8) : roll < 0.98 ? random.int(10, 24) : random.int(40, 80);
    const source = moduleSource(random, size);
    const folder = path.join(root, `pkg_${Math.floor(i / 400)}`, `sub_${Math.floor(i / 40) % 10}`);
    if (i % 40 === 0) {
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, '__init__.py'), '');
      stats.files++;
    }
    await writeFile(path.join(folder, `${random.pick(WORDS)}_${i}.py`), source);
    stats.files++;
    stats.lines += source.split('\n').length - 1;
    stats.bytes += Buffer.byteLength(source);
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------------------
// Timing and the two scanners.

/** Run is one run's result and the CPU time it used, when known. */
interface Run<T> {
  result: T;
  cpuMs: number | null;
}

/** Timed is a measurement: the warm-up's and the median run's wall-clock (and CPU) milliseconds, and a result. */
interface Timed<T> {
  warmup: number;
  median: number;
  /** Median CPU time of the measured runs (user + system), null when unknown. */
  cpuMedian: number | null;
  result: T;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * measure runs `run` once to warm up and RUNS more times, and keeps the medians of those. CPU time is
 * reported beside wall-clock time because it hardly moves when other processes share the machine.
 */
async function measure<T>(run: () => Promise<Run<T>>): Promise<Timed<T>> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: Run<T> | undefined;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    last = await run();
    wall.push(performance.now() - started);
    if (last.cpuMs !== null) cpu.push(last.cpuMs);
  }
  if (!last) throw new Error('no run');
  return { warmup: wall[0] ?? 0, median: median(wall.slice(1)), cpuMedian: cpu.length === wall.length ? median(cpu.slice(1)) : null, result: last.result };
}

/** scanWithPipwarden lists and scans the corpus from disk, as a CLI audit would (CPU time: this process's). */
async function scanWithPipwarden(root: string, secrets: boolean): Promise<Run<CodeScanResult>> {
  const cpu = process.cpuUsage();
  const files = new LocalRepoFiles(root);
  const listing = await files.listFiles();
  const result = await scanCode(files, listing, {
    code: DEFAULT_CONFIG.code,
    secrets: { ...DEFAULT_CONFIG.secrets, enabled: secrets },
    rootPyproject: null,
  });
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

/** BanditRun is what one bandit run reported. */
interface BanditRun {
  findings: Map<string, number>;
  total: number;
  loc: number;
  errors: number;
}

/** BanditInfo is the bandit on PATH: its version and the test ids it loads. */
interface BanditInfo {
  version: string;
  tests: Set<string>;
}

/** findBandit is the bandit on PATH, or null when there is none. */
async function findBandit(): Promise<BanditInfo | null> {
  const version = await execa('bandit', ['--version'], { reject: false });
  if (version.failed && version.exitCode === undefined) return null;
  const help = await execa('bandit', ['-h'], { reject: false });
  const tests = new Set([...`${help.stdout}`.matchAll(/^\s+(B\d{3})\s+\w+/gm)].map((m) => m[1] ?? ''));
  return { version: /bandit\s+(\S+)/.exec(`${version.stdout}`)?.[1] ?? 'unknown', tests };
}

/** BanditReport is the part of bandit's JSON output (`-f json`) the benchmark reads. */
interface BanditReport {
  results: Array<{ test_id: string }>;
  errors: unknown[];
  metrics: { _totals: { loc: number } };
}

/**
 * scanWithBandit runs `bandit -r root -f json -q`: exit 0 (nothing found) and 1 (issues found) are both
 * success. Where GNU time is installed, bandit runs under it (`-o` to a file, so bandit's own output is
 * untouched) to learn its CPU time.
 */
async function scanWithBandit(root: string, timeFile: string | null): Promise<Run<BanditRun>> {
  const args = ['-r', root, '-f', 'json', '-q'];
  const run = timeFile
    ? await execa(GNU_TIME, ['-o', timeFile, '-f', '%U %S', 'bandit', ...args], { reject: false, maxBuffer: 1024 * 1024 * 1024 })
    : await execa('bandit', args, { reject: false, maxBuffer: 1024 * 1024 * 1024 });
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`bandit exited with ${run.exitCode}: ${`${run.stderr}`.slice(0, 500)}`);
  const report = JSON.parse(`${run.stdout}`) as BanditReport;
  const findings = new Map<string, number>();
  for (const result of report.results) findings.set(result.test_id, (findings.get(result.test_id) ?? 0) + 1);
  let cpuMs: number | null = null;
  if (timeFile) {
    const [user, system] = (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-2).map(Number);
    if (user !== undefined && system !== undefined && Number.isFinite(user + system)) cpuMs = (user + system) * 1000;
  }
  return { result: { findings, total: report.results.length, loc: report.metrics._totals.loc, errors: report.errors.length }, cpuMs };
}

/** Why a bandit id's counts can differ for a reason other than a pipwarden gap. */
const NOTES: Readonly<Record<string, string>> = {
  B104: 'bandit 1.6.2 never runs it on Python 3.8+ (it listens for ast.Str)',
  B105: 'bandit 1.6.2 never runs it on Python 3.8+ (it listens for ast.Str)',
  B108: 'bandit 1.6.2 never runs it on Python 3.8+ (it listens for ast.Str)',
  B608: 'bandit 1.6.2 never runs it on Python 3.8+ (it listens for ast.Str)',
  B303: 'bandit 1.6.2 reports hashlib.md5/sha1 here; bandit 1.9 and pipwarden as B324',
  B324: 'bandit 1.6.2: hashlib.new only; pipwarden (like bandit 1.9) also hashlib.md5/sha1, usedforsecurity=False spared',
  B107: 'pipwarden also reads `async def` and reports every password-like default; bandit 1.6.2 stops at the first, `def` only',
  B404: 'pipwarden reports each name of `from subprocess import a, b, c`; bandit stops at the first (one per statement)',
};

// ---------------------------------------------------------------------------------------------------------
// Printing.

const rate = (count: number, ms: number): string => Math.round((count / ms) * 1000).toLocaleString('en-US');
const thousands = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** timing is a measurement's times: wall-clock median (and warm-up), CPU median, files/s and lines/s. */
function timing(timed: Timed<unknown>, corpus: CorpusStats): string {
  const cpu = timed.cpuMedian === null ? '' : `, CPU ${seconds(timed.cpuMedian)}`;
  return `median ${seconds(timed.median)} (warm-up ${seconds(timed.warmup)}${cpu}) · ${rate(corpus.files, timed.median)} files/s · ${rate(corpus.lines, timed.median)} lines/s`;
}

function printPipwarden(label: string, timed: Timed<CodeScanResult>, corpus: CorpusStats): void {
  const { result } = timed;
  const secrets = result.findings.filter((f) => f.ruleId.startsWith('secret.')).length;
  console.log(
    `  pipwarden ${label}: ${timing(timed, corpus)} · ${thousands(result.findings.length)} findings` +
      `${secrets > 0 ? ` (${thousands(secrets)} secrets)` : ''}, ${thousands(result.silenced)} silenced by # nosec, ${result.errors.length} errors`,
  );
}

/** ratio compares bandit's median with pipwarden's: "pipwarden faster by ×N". */
function ratio(bandit: number, pipwarden: number): string {
  return bandit >= pipwarden ? `pipwarden faster by ×${(bandit / pipwarden).toFixed(1)}` : `pipwarden SLOWER by ×${(pipwarden / bandit).toFixed(1)}`;
}

function printRatios(label: string, pipwarden: Timed<unknown>, bandit: Timed<unknown>): void {
  const cpu = pipwarden.cpuMedian !== null && bandit.cpuMedian !== null ? `; CPU time: ${ratio(bandit.cpuMedian, pipwarden.cpuMedian)}` : '';
  console.log(`  ${label}: wall clock: ${ratio(bandit.median, pipwarden.median)}${cpu}`);
}

function printComparison(pipwarden: CodeScanResult, bandit: BanditRun, info: BanditInfo): void {
  const ours = new Map<string, number>();
  for (const finding of pipwarden.findings) {
    if (finding.banditId) ours.set(finding.banditId, (ours.get(finding.banditId) ?? 0) + 1);
  }
  const ids = [...new Set([...ours.keys(), ...bandit.findings.keys()])].sort();
  console.log(`  findings per bandit id, pipwarden's rules vs bandit ${info.version} ("—": that bandit has no such test):`);
  console.log(`    ${'id'.padEnd(5)} ${'pipwarden'.padStart(9)} ${'bandit'.padStart(7)}  note`);
  for (const id of ids) {
    const mine = ours.get(id) ?? 0;
    const theirs = info.tests.has(id) ? bandit.findings.get(id) ?? 0 : null;
    const note = !info.tests.has(id) ? `not in bandit ${info.version}` : (NOTES[id] ?? (mine === theirs ? '' : 'differs'));
    console.log(`    ${id.padEnd(5)} ${String(mine).padStart(9)} ${(theirs === null ? '—' : String(theirs)).padStart(7)}  ${note}`);
  }
}

/** benchCodeScan generates the corpus and prints pipwarden's figures, and bandit's where it is installed. */
export async function benchCodeScan(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'pipwarden-bench-code-'));
  const scratch = await mkdtemp(path.join(tmpdir(), 'pipwarden-bench-code-time-'));
  try {
    const corpus = await generateCorpus(root);
    console.log(`  corpus: ${thousands(corpus.files)} generated Python files (seed ${SEED}), ${thousands(corpus.lines)} lines, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB`);
    console.log(`  each figure: a warm-up run, then the median of ${RUNS}; listing and reading from disk included`);

    const full = await measure(() => scanWithPipwarden(root, true));
    printPipwarden('rules + secrets', full, corpus);
    const rulesOnly = await measure(() => scanWithPipwarden(root, false));
    printPipwarden('rules only', rulesOnly, corpus);

    const info = await findBandit();
    if (!info) {
      console.log('  bandit: skipped (not on PATH)');
      return;
    }
    const timeFile = existsSync(GNU_TIME) ? path.join(scratch, 'bandit-time.txt') : null;
    const bandit = await measure(() => scanWithBandit(root, timeFile));
    console.log(`  bandit ${info.version}: ${timing(bandit, corpus)} · ${thousands(bandit.result.total)} findings, ${bandit.result.errors} errors`);
    printRatios('rules + secrets vs bandit', full, bandit);
    printRatios('rules only vs bandit', rulesOnly, bandit);
    printComparison(rulesOnly.result, bandit.result, info);
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}
