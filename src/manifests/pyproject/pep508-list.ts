/**
 * readPep508List reads an array of PEP 508 strings (PEP 621 `dependencies`, extras, PEP 735 groups,
 * `[build-system] requires`, uv and PDM lists): one Requirement per string, each with the line range of
 * its own array item. A bad item is a Problem at its line; the other items are still read.
 */
import { requirementFromPep508 } from '../requirement.js';
import type { LineRange, Requirement } from '../types.js';
import type { ElementSpan, PyprojectContext } from './context.js';
import { describeType } from './values.js';

/** ItemOutcome is what a custom item reader made of one string. */
export type ItemOutcome =
  | { requirement: Requirement }
  | { error: string }
  | { skip: string };

/** Pep508ListOptions says where a list is and what its requirements belong to. */
export interface Pep508ListOptions {
  tablePath: string[];
  key: string[];
  value: unknown;
  groups: string[];
  /** How messages name the list, e.g. `[project] dependencies`. */
  label: string;
  /** Reads strings the PEP 508 grammar does not cover (PDM's `-e …`); undefined = not handled. */
  readSpecial?: (text: string, lines: LineRange) => ItemOutcome | undefined;
}

/** readPep508List records the requirements of one list into the context and returns them. */
export function readPep508List(ctx: PyprojectContext, options: Pep508ListOptions): Requirement[] {
  const { tablePath, key, value, groups, label } = options;
  if (!Array.isArray(value)) {
    ctx.error(`${label} must be an array of strings, not ${describeType(value)}`, ctx.lineOf(tablePath, key));
    return [];
  }
  const read: Requirement[] = [];
  value.forEach((item: unknown, index) => {
    const element: ElementSpan = ctx.elementOf(tablePath, key, index);
    if (typeof item !== 'string') {
      ctx.error(`${label}: item ${index + 1} must be a string, not ${describeType(item)}`, element.lines.start);
      return;
    }
    const requirement = readPep508Item(ctx, item, element.lines, groups, label, options.readSpecial);
    if (requirement) read.push(requirement);
  });
  return read;
}

/**
 * readPep508Item reads one string of a list: a requirement (recorded and returned), else a Problem or
 * a skip at the item's line.
 */
export function readPep508Item(
  ctx: PyprojectContext,
  text: string,
  lines: LineRange,
  groups: string[],
  label: string,
  readSpecial?: Pep508ListOptions['readSpecial'],
): Requirement | undefined {
  const outcome = readSpecial?.(text, lines) ?? fromPep508(text, lines, groups);
  if ('requirement' in outcome) {
    ctx.requirements.push(outcome.requirement);
    return outcome.requirement;
  }
  if ('error' in outcome) ctx.error(`${label}: ${outcome.error}`, lines.start);
  else ctx.skip(lines, outcome.skip);
  return undefined;
}

function fromPep508(text: string, lines: LineRange, groups: string[]): ItemOutcome {
  const result = requirementFromPep508(text, { lines, groups: [...groups] });
  return result.ok ? { requirement: result.requirement } : { error: result.error };
}
