/**
 * The `remediation` section of `.github/pipwarden.yml`: whether pipwarden proposes fixes for vulnerable
 * dependencies, how it groups them into pull requests, and how those pull requests are labelled and
 * assigned. The lead mounts it as `remediation: remediationConfigSchema.prefault({})` so every key has its
 * default. `minimumReleaseAge` is a top-level key (a duration, see `config/duration.ts`): the planner
 * never proposes a release younger than it.
 *
 * Named groups follow Dependabot's `groups` (https://docs.github.com/en/code-security/dependabot/
 * working-with-dependabot/dependabot-options-reference#groups): a list of name patterns with `*`
 * wildcards, the first matching group wins, and packages no group takes follow the strategy.
 */
import { z } from 'zod';
import type { Severity } from '../../advisories/finding.js';

/** SEVERITIES are the severities a group may name, most severe first (the order of SEVERITY_ORDER). */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const satisfies readonly Severity[];

/**
 * REMEDIATION_STRATEGIES are the ways to group fixes into pull requests (per project):
 * - `default`: one pull request with every non-breaking fix, plus one per breaking (major) upgrade;
 * - `single`: one pull request with every fix, breaking ones included;
 * - `per-package`: one pull request per vulnerable package;
 * - `by-severity`: one pull request per severity of the worst advisory a package has (`critical`,
 *   `high`…), plus one per breaking upgrade.
 */
export const REMEDIATION_STRATEGIES = ['default', 'single', 'per-package', 'by-severity'] as const;

/** RemediationStrategy is one of REMEDIATION_STRATEGIES. */
export type RemediationStrategy = (typeof REMEDIATION_STRATEGIES)[number];

/** GROUP_NAME is what a group name may hold: it becomes part of a branch name (`pipwarden/group-<name>`). */
const GROUP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;

/** PATTERN is a package-name glob: PEP 508 name characters and `*` / `?` wildcards. */
const PATTERN = /^[A-Za-z0-9._*?-]+$/;

const patternSchema = z
  .string()
  .trim()
  .min(1)
  .regex(PATTERN, 'expected a package name pattern such as "django*" (letters, digits, ".", "_", "-" and the wildcards "*" and "?")');

/** remediationGroupSchema is one named group of packages that are fixed in one pull request. */
export const remediationGroupSchema = z.strictObject({
  /**
   * The group's name: letters, digits, `.`, `_` and `-` (it becomes the branch `pipwarden/group-<name>`).
   * Names are compared case-insensitively and must be unique.
   */
  name: z.string().trim().regex(GROUP_NAME, 'expected a name of letters, digits, ".", "_" and "-" (at most 64 characters)'),
  /**
   * Package name patterns, compared with PEP 503 names (`Django_REST` and `django-rest` are one name):
   * `*` matches any run of characters, `?` one character, e.g. `[django*, "celery"]` or `["*"]`.
   */
  patterns: z.array(patternSchema).min(1),
  /** Patterns of packages the group never takes, even when `patterns` match (default: none). */
  excludePatterns: z.array(patternSchema).default([]),
  /**
   * The least severity a package's worst advisory must have to join the group (default: any), e.g.
   * `high` takes packages with a critical or high advisory. `unknown` ranks below `low`.
   */
  severity: z.enum(SEVERITIES).optional(),
});

/** remediationConfigSchema is the `remediation` section. */
export const remediationConfigSchema = z.strictObject({
  /** Plan and open fix pull requests at all (default true). `false`: the plan is empty. */
  enabled: z.boolean().default(true),
  /**
   * How fixes are grouped into pull requests, per project (default `default`): `default` (one pull
   * request with every non-breaking fix plus one per breaking upgrade), `single`, `per-package` or
   * `by-severity`. Named `groups` take their packages first.
   */
  strategy: z.enum(REMEDIATION_STRATEGIES).default('default'),
  /**
   * Named groups (default: none), like Dependabot's `groups`: a package goes to the first group whose
   * patterns match its name; packages no group takes follow `strategy`.
   */
  groups: z
    .array(remediationGroupSchema)
    .default([])
    .superRefine((groups, ctx) => {
      const seen = new Set<string>();
      groups.forEach((group, index) => {
        const key = group.name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `the group name "${group.name}" is used twice` });
        seen.add(key);
      });
    }),
  /**
   * How many fix pull requests may be open at once (default 5). The plan still lists every group, in
   * rank order; groups beyond the limit are marked `deferred` and open as earlier ones are merged or
   * closed. `0` plans without opening any.
   */
  openPullRequestsLimit: z.number().int().min(0).max(100).default(5),
  /**
   * Labels of fix pull requests (default `[security, dependencies]`); a `severity:<level>` label (the
   * worst advisory the pull request fixes) is added when it is published.
   */
  labels: z.array(z.string().trim().min(1).max(50)).default(['security', 'dependencies']),
  /** GitHub users or `org/team` slugs asked to review fix pull requests (default: none). */
  reviewers: z.array(z.string().trim().min(1)).default([]),
  /** GitHub users assigned to fix pull requests (default: none). */
  assignees: z.array(z.string().trim().min(1)).default([]),
  /**
   * Propose breaking upgrades (a new major version) when only they fix an advisory (default true): each
   * gets its own pull request under the `default` and `by-severity` strategies. `false`: such packages
   * are listed as unfixable ("needs a major upgrade").
   */
  allowBreaking: z.boolean().default(true),
});

/** RemediationConfig is the validated `remediation` section with defaults filled in. */
export type RemediationConfig = z.infer<typeof remediationConfigSchema>;

/** RemediationGroupConfig is one validated named group. */
export type RemediationGroupConfig = z.infer<typeof remediationGroupSchema>;

/** DEFAULT_REMEDIATION_CONFIG is the section of a repository that says nothing about remediation. */
export const DEFAULT_REMEDIATION_CONFIG: RemediationConfig = remediationConfigSchema.parse({});
