/**
 * Checks that mocked GitHub requests are requests GitHub would accept: REST calls against GitHub's own
 * OpenAPI description (`@octokit/openapi`, api.github.com, dereferenced) and GraphQL documents against
 * GitHub's GraphQL schema (`@octokit/graphql-schema`). A mock that replies to a request GitHub would
 * reject proves nothing, so every test that talks to a mocked GitHub records its requests here and
 * calls `assertValidGitHubRequests()` in `afterEach`.
 *
 * Usage:
 *   const github = recordGitHubRequests(nock('https://api.github.com'));
 *   github.post('/repos/o/r/check-runs').reply(201, githubExample('POST', '/repos/{owner}/{repo}/check-runs', 201));
 *   afterEach(() => assertValidGitHubRequests());
 *
 * The OpenAPI description (73 MB) and the GraphQL schema are loaded once, lazily, on the first check;
 * the description is split per operation into a cache under the system's temporary folder the first
 * time any worker needs it (see cacheFolder).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 as Ajv } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildSchema, getVariableValues, parse, validate, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { schema as githubGraphqlSchema } from '@octokit/graphql-schema';
import nock from 'nock';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const require = createRequire(import.meta.url);

/** OpenApiSchema is a JSON schema of the description (OpenAPI 3.0 flavour: `nullable`, `example`…). */
type OpenApiSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
  'x-multi-segment'?: boolean;
}

interface OpenApiMedia {
  schema?: OpenApiSchema;
  examples?: Record<string, { value?: unknown }>;
  example?: unknown;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMedia> };
  responses?: Record<string, { content?: Record<string, OpenApiMedia> }>;
}

type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

interface Route {
  template: string;
  pattern: RegExp;
  paramNames: string[];
  /** Literal characters of the template: the more, the more specific (`/git/ref/{ref}` vs `{x}`). */
  literalLength: number;
  /** The cache file of each documented method's operation. */
  operations: Partial<Record<HttpMethod, string>>;
}

interface Description {
  routes: Route[];
  byTemplate: Map<string, Route>;
}

/** IndexEntry is one path of the description, as the on-disk cache lists it. */
interface IndexEntry {
  template: string;
  operations: Partial<Record<HttpMethod, string>>;
  multiSegment: string[];
}

/** RecordedRequest is one request a recorded scope received. */
export interface RecordedRequest {
  method: string;
  /** The path with its query string, as sent. */
  path: string;
  body: string;
}

let description: Description | undefined;
let descriptionFolder = '';
const loadedOperations = new Map<string, OpenApiOperation>();
let graphqlSchema: GraphQLSchema | undefined;
const recorded: RecordedRequest[] = [];
const problems: string[] = [];
const validators = new Map<string, ValidateFunction>();
let listeningForUnmatched = false;

/**
 * Ajv for bodies, draft 2020-12 with OpenAPI 3.0's differences: `nullable` (an Ajv keyword), and
 * `example`, `readOnly`, `x-*` and other annotations ignored (strict off).
 */
const bodyAjv = new Ajv({ allErrors: true, strict: false, logger: false });
/** Ajv for path and query parameters, which arrive as strings: coerced to the declared type first. */
const parameterAjv = new Ajv({ allErrors: true, strict: false, logger: false, coerceTypes: 'array' });
for (const ajv of [bodyAjv, parameterAjv]) {
  addFormats(ajv);
  // GitHub-specific formats the description uses; any string is accepted.
  for (const format of ['timestamp', 'repo.nwo']) ajv.addFormat(format, true);
}

/**
 * cacheFolder holds the description split per operation. Parsing the 73 MB file takes seconds and
 * hundreds of MB in every test worker; the split is made once per version of the file, then each
 * worker reads a small index and only the operations its requests use.
 */
function cacheFolder(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return path.join(tmpdir(), `pipwarden-github-openapi-${size}-${Math.floor(mtimeMs)}`);
}

function buildCache(file: string, folder: string): void {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  // Written to a private folder, then renamed: workers racing to build never see half a cache.
  const building = `${folder}.${process.pid}.${Date.now()}`;
  mkdirSync(building, { recursive: true });
  const index: IndexEntry[] = [];
  let n = 0;
  for (const [template, item] of Object.entries(document.paths)) {
    const entry: IndexEntry = { template, operations: {}, multiSegment: [] };
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation) continue;
      const name = `op-${n++}.json`;
      writeFileSync(path.join(building, name), JSON.stringify(operation));
      entry.operations[method] = name;
      for (const p of operation.parameters ?? []) if (p['x-multi-segment'] && !entry.multiSegment.includes(p.name)) entry.multiSegment.push(p.name);
    }
    index.push(entry);
  }
  writeFileSync(path.join(building, 'index.json'), JSON.stringify(index));
  try {
    renameSync(building, folder);
  } catch {
    // Another worker finished first: its cache is the same.
    rmSync(building, { recursive: true, force: true });
  }
}

function loadDescription(): Description {
  if (description) return description;
  const file = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
  const folder = cacheFolder(file);
  if (!existsSync(path.join(folder, 'index.json'))) buildCache(file, folder);
  descriptionFolder = folder;
  const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8')) as IndexEntry[];
  const routes: Route[] = [];
  for (const { template, operations, multiSegment } of index) {
    const paramNames: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (!param?.[1]) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        paramNames.push(param[1]);
        return multiSegment.includes(param[1]) ? '(.+)' : '([^/]+)';
      })
      .join('');
    const literalLength = template.replace(/\{[^}]+\}/g, '').length;
    routes.push({ template, pattern: new RegExp(`^${source}$`), paramNames, literalLength, operations });
  }
  routes.sort((a, b) => b.literalLength - a.literalLength);
  description = { routes, byTemplate: new Map(routes.map((r) => [r.template, r])) };
  return description;
}

/** operationOf reads one operation of a route from the cache (once). */
function operationOf(route: Route, method: HttpMethod): OpenApiOperation | undefined {
  const name = route.operations[method];
  if (!name) return undefined;
  let operation = loadedOperations.get(name);
  if (!operation) {
    operation = JSON.parse(readFileSync(path.join(descriptionFolder, name), 'utf8')) as OpenApiOperation;
    loadedOperations.set(name, operation);
  }
  return operation;
}

function loadGraphqlSchema(): GraphQLSchema {
  // `schema.idl` reads the package's schema.graphql (the package exports nothing else by path).
  graphqlSchema ??= buildSchema(githubGraphqlSchema.idl, { assumeValidSDL: true });
  return graphqlSchema;
}

function compile(ajv: Ajv, key: string, schema: OpenApiSchema): ValidateFunction {
  const cacheKey = `${ajv === bodyAjv ? 'body' : 'param'}:${key}`;
  let validator = validators.get(cacheKey);
  if (!validator) {
    validator = ajv.compile(typedNullables(schema) as OpenApiSchema);
    validators.set(cacheKey, validator);
  }
  return validator;
}

/**
 * typedNullables gives `nullable: true` the meaning OpenAPI 3.0 gives it where Ajv reads it otherwise:
 * on a schema without `type` (GitHub's description has them beside `oneOf`, e.g. the `title` and
 * `milestone` of "Update an issue"), which Ajv refuses to compile, it becomes `anyOf: [the schema,
 * {type: 'null'}]`; beside an `enum` (e.g. an issue's `state_reason`), which Ajv checks before
 * `nullable`, null joins the enum.
 */
function typedNullables(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(typedNullables);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = typedNullables(value);
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...(copy.enum as unknown[]), null];
  if (copy.nullable !== true || 'type' in copy) return copy;
  delete copy.nullable;
  return { anyOf: [copy, { type: 'null' }] };
}

function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const extra = error.keyword === 'additionalProperties' ? ` ("${String(error.params.additionalProperty)}")` : '';
    const allowed = error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
    seen.add(`${where}${error.instancePath} ${error.message ?? 'is invalid'}${extra}${allowed}`);
  }
  return [...seen];
}

/** GitHubRequest is a request to check: method, path (query string included), and body text. */
export interface GitHubRequest {
  method: string;
  path: string;
  body?: string;
}

/** GitHubRequestOptions say where the API lives: `basePath` is `/api/v3` on GitHub Enterprise Server. */
export interface GitHubRequestOptions {
  basePath?: string;
}

/**
 * githubRequestProblems checks one request against GitHub's description and returns what is wrong
 * (empty when GitHub would accept its shape). GraphQL requests (`POST /graphql`) are checked against
 * the GraphQL schema instead.
 */
export function githubRequestProblems(request: GitHubRequest, options: GitHubRequestOptions = {}): string[] {
  const method = request.method.toUpperCase();
  const url = new URL(request.path, 'https://github.invalid');
  const basePath = options.basePath ?? '';
  const label = `${method} ${request.path}`;
  if (method === 'POST' && (url.pathname === '/graphql' || url.pathname === `${basePath.replace(/\/v3$/, '')}/graphql`)) {
    return graphqlRequestProblems(request.body ?? '').map((p) => `${label}: ${p}`);
  }
  let pathname = url.pathname;
  if (basePath && pathname.startsWith(basePath)) pathname = pathname.slice(basePath.length) || '/';
  const { routes } = loadDescription();
  const matching = routes.filter((route) => route.pattern.test(pathname));
  if (matching.length === 0) return [`${label}: no documented GitHub REST route has this path`];
  const lower = method.toLowerCase() as HttpMethod;
  const route = matching.find((r) => r.operations[lower]);
  const operation = route ? operationOf(route, lower) : undefined;
  if (!route || !operation) {
    return [`${label}: ${method} is not documented for ${matching.map((r) => r.template).join(' or ')}`];
  }
  const where = `${label} (${method} ${route.template})`;
  const found: string[] = [];
  const parameters = operation.parameters ?? [];

  // Path parameters: each segment decoded and checked against its schema.
  const values = route.pattern.exec(pathname)?.slice(1) ?? [];
  route.paramNames.forEach((name, i) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    const raw = values[i] ?? '';
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      found.push(`${where}: path parameter ${name} is not valid percent-encoding`);
      return;
    }
    if (value === '' || value === 'undefined' || value === 'null') found.push(`${where}: path parameter ${name} is "${value}"`);
    if (parameter?.schema) {
      const holder = { value };
      const check = compile(parameterAjv, `${route.template}#${name}`, { type: 'object', properties: { value: parameter.schema } });
      if (!check(holder)) found.push(...describeErrors(`${where}: path parameter ${name}`, check.errors));
    }
  });

  // Query parameters: declared, and of the declared type.
  const declaredQuery = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const key of new Set(url.searchParams.keys())) {
    const parameter = declaredQuery.get(key) ?? declaredQuery.get(key.replace(/\[\]$/, ''));
    if (!parameter) {
      found.push(`${where}: query parameter "${key}" is not declared (declared: ${[...declaredQuery.keys()].join(', ') || 'none'})`);
      continue;
    }
    if (parameter.schema) {
      const all = url.searchParams.getAll(key);
      const holder = { value: parameter.schema.type === 'array' ? all : all[0] };
      const check = compile(parameterAjv, `${route.template}?${parameter.name}`, { type: 'object', properties: { value: parameter.schema } });
      if (!check(holder)) found.push(...describeErrors(`${where}: query parameter ${key}`, check.errors));
    }
  }
  for (const parameter of declaredQuery.values()) {
    if (parameter.required && !url.searchParams.has(parameter.name)) found.push(`${where}: required query parameter ${parameter.name} is missing`);
  }

  // Body: JSON checked against the operation's request body schema.
  const body = request.body ?? '';
  if (!operation.requestBody) {
    if (body !== '' && method !== 'GET' && method !== 'DELETE') found.push(`${where}: sends a body, but the route takes none`);
    return found;
  }
  if (body === '') {
    if (operation.requestBody.required) found.push(`${where}: the request body is required`);
    return found;
  }
  const schema = operation.requestBody.content['application/json']?.schema;
  if (!schema) return found;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    found.push(`${where}: the body is not JSON`);
    return found;
  }
  const check = compile(bodyAjv, `${method} ${route.template}`, schema);
  if (!check(parsed)) found.push(...describeErrors(`${where}: body`, check.errors));
  return found;
}

/** graphqlRequestProblems checks a GraphQL request body (`{query, variables}`) against GitHub's schema. */
export function graphqlRequestProblems(body: string): string[] {
  let payload: { query?: unknown; variables?: unknown };
  try {
    payload = JSON.parse(body) as { query?: unknown; variables?: unknown };
  } catch {
    return ['the GraphQL request body is not JSON'];
  }
  if (typeof payload.query !== 'string') return ['the GraphQL request has no "query" string'];
  let document;
  try {
    document = parse(payload.query);
  } catch (error) {
    return [`GraphQL syntax error: ${(error as Error).message}`];
  }
  const schema = loadGraphqlSchema();
  const errors = validate(schema, document).map((e) => `GraphQL: ${e.message}`);
  if (errors.length > 0) return errors;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const inputs = (payload.variables ?? {}) as Record<string, unknown>;
  for (const operation of operations) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
    if (coerced.errors) errors.push(...coerced.errors.map((e) => `GraphQL variables: ${e.message}`));
  }
  return errors;
}

/**
 * recordGitHubRequests checks every request `scope` intercepts (and notes any request no interceptor
 * matched). Returns the scope, so it wraps `nock(url)` inline.
 */
export function recordGitHubRequests<T extends nock.Scope>(scope: T, options: GitHubRequestOptions = {}): T {
  scope.on('request', (req: { method?: string; path?: string }, _interceptor: unknown, body: string | undefined) => {
    const request = { method: req.method ?? 'GET', path: req.path ?? '/', body: body ?? '' };
    recorded.push(request);
    try {
      problems.push(...githubRequestProblems(request, options));
    } catch (error) {
      // A throw here would hang the mocked request: record it instead.
      problems.push(`${request.method} ${request.path}: the check itself failed: ${(error as Error).message}`);
    }
  });
  if (!listeningForUnmatched) {
    listeningForUnmatched = true;
    nock.emitter.on('no match', (req: { method?: string; path?: string; href?: string }) => {
      problems.push(`${req.method ?? '?'} ${req.href ?? req.path ?? '?'}: no mock matched this request`);
    });
  }
  return scope;
}

/** recordedGitHubRequests is every request recorded since the last assert or reset (tests count them). */
export function recordedGitHubRequests(): readonly RecordedRequest[] {
  return recorded;
}

/** takeGitHubRequestProblems returns the problems found so far and forgets them and the requests. */
export function takeGitHubRequestProblems(): string[] {
  const found = [...problems];
  problems.length = 0;
  recorded.length = 0;
  return found;
}

/** assertValidGitHubRequests throws an error listing every problem found since the last call. */
export function assertValidGitHubRequests(): void {
  const found = takeGitHubRequestProblems();
  if (found.length > 0) {
    throw new Error(`${found.length} mocked GitHub request(s) GitHub would not accept:\n- ${found.join('\n- ')}`);
  }
}

function responseMedia(method: string, template: string, status: number): OpenApiMedia {
  const route = loadDescription().byTemplate.get(template);
  const operation = route ? operationOf(route, method.toLowerCase() as HttpMethod) : undefined;
  if (!operation) throw new Error(`${method} ${template} is not a documented GitHub route`);
  const media = operation.responses?.[String(status)]?.content?.['application/json'];
  if (!media) throw new Error(`${method} ${template} documents no JSON response for status ${status}`);
  return media;
}

/**
 * githubExample is a copy of the example GitHub documents for a route's response: a fixture with the
 * real field names and shapes. `name` picks one of several examples (default: the first).
 */
export function githubExample<T = Record<string, unknown>>(method: string, template: string, status: number, name?: string): T {
  const media = responseMedia(method, template, status);
  const examples = Object.entries(media.examples ?? {});
  const example = name ? media.examples?.[name]?.value : (examples[0]?.[1].value ?? media.example);
  if (example === undefined) throw new Error(`${method} ${template} ${status} has no example${name ? ` named ${name}` : ''}`);
  return structuredClone(example) as T;
}

/** githubResponseProblems checks a fixture reply against the response schema GitHub documents. */
export function githubResponseProblems(method: string, template: string, status: number, body: unknown): string[] {
  const schema = responseMedia(method, template, status).schema;
  if (!schema) return [];
  const check = compile(bodyAjv, `response ${method} ${template} ${status}`, schema);
  return check(body) ? [] : describeErrors(`${method} ${template} ${status} response`, check.errors);
}
