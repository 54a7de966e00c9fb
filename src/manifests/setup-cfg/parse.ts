/**
 * parseSetupCfg reads setuptools' declarative configuration:
 * https://setuptools.pypa.io/en/latest/userguide/declarative_config.html
 *
 * `[metadata] name`, `[options] install_requires / tests_require / setup_requires / python_requires` and
 * `[options.extras_require]` (one key per extra). Option names are matched as setuptools does
 * (`_enforce_option_lowercase`, `_enforce_underscore`): case-insensitively, `-` as `_`.
 */
import { parsePep508 } from '../pep508.js';
import { lineAt, requirementFromPep508 } from '../requirement.js';
import { requirementLines, type TextLine } from '../setup-py/requirement-lines.js';
import type { Manifest, ManifestInput } from '../types.js';
import { parseIni, type IniLine, type IniOption } from './ini.js';

/** The requirement lists of `[options]` and the group each one feeds. */
const LIST_OPTIONS: Readonly<Record<string, string>> = {
  install_requires: 'main',
  tests_require: 'test',
  setup_requires: 'build',
};

const EXTRAS_SECTION = 'options.extras_require';

/** Sections whose option names setuptools leaves as written (extras are names chosen by the project). */
const VERBATIM_SECTIONS: ReadonlySet<string> = new Set([EXTRAS_SECTION]);

/** parseSetupCfg reads the requirements, name and python_requires of a setup.cfg. */
export function parseSetupCfg(input: ManifestInput): Manifest {
  return new SetupCfgReader(input).read();
}

class SetupCfgReader {
  private readonly manifest: Manifest;

  constructor(private readonly input: ManifestInput) {
    this.manifest = { path: input.path, kind: 'setup-cfg', requirements: [], errors: [] };
  }

  read(): Manifest {
    const nul = this.input.content.indexOf('\0');
    if (nul >= 0) {
      this.error('binary file (contains NUL bytes); not read', lineAt(this.input.content, nul));
      return this.manifest;
    }
    const document = parseIni(this.input.content);
    for (const problem of document.errors) this.error(problem.message, problem.line);
    const sections = this.mergeSections(document.sections);

    const metadata = sections.get('metadata');
    const name = metadata?.get('name');
    const projectName = name ? scalar(name) : '';
    if (projectName !== '') this.manifest.projectName = projectName;

    const options = sections.get('options');
    for (const [key, option] of options ?? []) {
      const group = LIST_OPTIONS[key];
      if (group) this.readRequirements(option, key, [group]);
      else if (key === 'python_requires' && scalar(option) !== '') this.manifest.requiresPython = scalar(option);
    }
    for (const option of sections.get(EXTRAS_SECTION)?.values() ?? []) {
      this.readRequirements(option, `extras_require["${option.key}"]`, [option.key]);
    }
    return this.manifest;
  }

  /**
   * mergeSections indexes options by section and normalised name. configparser (strict, as setuptools
   * uses it) refuses repeated sections and options; here each repeat is an error, sections are merged and
   * the first of two options is read.
   */
  private mergeSections(sections: ReturnType<typeof parseIni>['sections']): Map<string, Map<string, IniOption>> {
    const merged = new Map<string, Map<string, IniOption>>();
    const firstLine = new Map<string, number>();
    for (const section of sections) {
      let options = merged.get(section.name);
      if (options) {
        this.error(`duplicate section [${section.name}] (first at line ${firstLine.get(section.name)}); merged`, section.line);
      } else {
        options = new Map();
        merged.set(section.name, options);
        firstLine.set(section.name, section.line);
      }
      for (const option of section.options) {
        const key = VERBATIM_SECTIONS.has(section.name) ? option.key.toLowerCase() : normalizeOptionName(option.key);
        const first = options.get(key);
        if (first) {
          this.error(
            `duplicate option "${option.key}" in [${section.name}] (first at line ${first.line}); the first is read`,
            option.line,
          );
          continue;
        }
        options.set(key, option);
      }
    }
    return merged;
  }

  /**
   * readRequirements follows setuptools' `_parse_requirements_list`: a `file:` value is a directive; a
   * value of several lines has one requirement per line; a one-line value is split at `;`.
   */
  private readRequirements(option: IniOption, label: string, groups: string[]): void {
    const lines = option.value.map(unescapePercent);
    const inline = lines[0]?.text ?? '';
    const directive = /^(file|attr):/.exec(inline);
    if (directive) {
      (this.manifest.skipped ??= []).push({
        line: option.line,
        text: `${option.key} = ${inline}`,
        reason: `declared through ${inline}; not evaluated`,
      });
      return;
    }
    const singleLine = lines.length === 1;
    const textLines: TextLine[] = singleLine
      ? inline.split(';').map((chunk) => ({ text: chunk, lineAt: () => option.line }))
      : lines.map((line) => ({ text: line.text, lineAt: () => line.line }));
    for (const requirement of requirementLines(textLines)) {
      const result = requirementFromPep508(requirement.text, { lines: requirement.lines, groups });
      if (result.ok) {
        this.manifest.requirements.push(result.requirement);
        continue;
      }
      const whole = inline.split(' #')[0] ?? '';
      const message =
        singleLine && inline.includes(';') && parsePep508(whole).ok
          ? `a one-line value is split at ";", so "${requirement.text}" is read as a requirement; ` +
            'put the requirement and its environment marker on a line of their own'
          : result.error;
      this.error(`${label}: ${message}`, requirement.lines.start);
    }
  }

  private error(message: string, line: number): void {
    this.manifest.errors.push({ message, path: this.input.path, line });
  }
}

/** normalizeOptionName is how setuptools matches option names: lowercase, `-` as `_`. */
function normalizeOptionName(key: string): string {
  return key.toLowerCase().replace(/-/g, '_');
}

/**
 * scalar is a one-value option's text: its lines joined, a trailing ` #` comment dropped (so that a
 * commented `python_requires` still reads as a specifier).
 */
function scalar(option: IniOption): string {
  return option.value
    .map((line) => unescapePercent(line).text.split(' #')[0]?.trim() ?? '')
    .filter((text) => text !== '')
    .join(' ');
}

/** setuptools reads setup.cfg with configparser's BasicInterpolation, where `%%` stands for `%`. */
function unescapePercent(line: IniLine): IniLine {
  return line.text.includes('%%') ? { text: line.text.replace(/%%/g, '%'), line: line.line } : line;
}
