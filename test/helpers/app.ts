/**
 * startTestApp loads the real app function into a real Probot, with in-memory services and an Octokit
 * that neither retries nor throttles, so tests can `receive()` webhooks and watch what the app does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { pino } from 'pino';
import { Probot, ProbotOctokit, type ApplicationFunctionOptions } from 'probot';

type Handler = Parameters<ApplicationFunctionOptions['addHandler']>[0];
import { createPipwardenApp, type AppOverrides } from '../../src/app.js';
import type { JobServices } from '../../src/app/jobs/services.js';
import type { AppSettings } from '../../src/app/settings.js';
import { MemoryStateStore, RecordingQueue } from './app-fakes.js';

/** TEST_APP_ID is the app id tests use (check runs carry it as `app.id`). */
export const TEST_APP_ID = 4242;

/** testSettings are AppSettings for tests: nothing from the real environment. */
export function testSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    scheduleMs: 24 * 60 * 60 * 1000,
    sweepOnStart: false,
    concurrency: 1,
    installationConcurrency: 1,
    cacheDir: '/nonexistent/pipwarden-test-cache',
    redisUrl: undefined,
    advisoryDb: undefined,
    osvUrl: undefined,
    pypiUrl: undefined,
    githubApiUrl: 'https://api.github.com',
    ...overrides,
  };
}

let privateKey: string | undefined;

/** TestApp is a loaded app and its fake services. */
export interface TestApp {
  probot: Probot;
  /** The HTTP handlers the app registered (`/healthz`, `/metrics`), to call directly. */
  httpHandlers: Handler[];
  queue: RecordingQueue;
  state: MemoryStateStore;
  services: JobServices;
}

/** startTestApp builds a Probot authenticated as app TEST_APP_ID and loads pipwarden into it. */
export async function startTestApp(overrides: AppOverrides = {}): Promise<TestApp> {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const queue = (overrides.queue as RecordingQueue | undefined) ?? new RecordingQueue();
  const state = (overrides.state as MemoryStateStore | undefined) ?? new MemoryStateStore();
  const probot = new Probot({
    appId: TEST_APP_ID,
    privateKey,
    secret: 'test-secret',
    log: pino({ level: 'silent' }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  let services: JobServices | undefined;
  const httpHandlers: Handler[] = [];
  await probot.load(
    createPipwardenApp({
      env: { APP_ID: String(TEST_APP_ID) },
      settings: testSettings(),
      queue,
      state,
      registry: () => null,
      releaseNotes: () => null,
      advisorySources: () => [],
      handleSignals: false,
      now: () => new Date('2026-11-29T12:00:00Z'),
      ...overrides,
      onReady: (s) => {
        services = s;
        overrides.onReady?.(s);
      },
    }),
    { cwd: process.cwd(), addHandler: (handler) => httpHandlers.push(handler) },
  );
  if (!services) throw new Error('the app did not finish loading');
  return { probot, httpHandlers, queue, state, services };
}
