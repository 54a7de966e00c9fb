/**
 * The Probot entry point: builds the services once, registers the webhook handlers, serves `/healthz` and
 * `/metrics`, starts the job workers and the scheduled sweeps. Every service can be replaced (tests pass
 * their own queue, store, clock and advisory sources).
 */
import type { ApplicationFunction, Probot } from 'probot';
import { buildAdvisorySources } from './advisories/sources.js';
import { createQueue } from './jobs/queue.js';
import type { Queue } from './jobs/types.js';
import { createStateStore } from './state/create.js';
import type { StateStore } from './state/types.js';
import { HttpClient } from './http/client.js';
import { PypiRegistry } from './registry/pypi.js';
import { GitHubReleaseNotes, releasesApiUrl } from './remediation/notes/index.js';
import { onCheckRunRerequested } from './handlers/check-run.js';
import { onInstallationCreated, onRepositoriesAdded } from './handlers/installation.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import type { HandlerServices } from './handlers/services.js';
import { serveHealth, serveMetrics } from './app/http.js';
import { createMetrics } from './app/metrics.js';
import { instrumentOctokit } from './app/octokit.js';
import { readAppSettings, type AppSettings } from './app/settings.js';
import { dispatchJob } from './app/jobs/dispatch.js';
import type { JobServices } from './app/jobs/services.js';
import { SWEEP_ALL_JOB } from './app/jobs/sweep.js';
import { advisoryVersion } from './app/advisory-version.js';

/** AppOverrides replace services; anything not given is built from the environment. */
export interface AppOverrides {
  env?: NodeJS.ProcessEnv;
  settings?: AppSettings;
  queue?: Queue;
  state?: StateStore;
  now?: () => Date;
  advisorySources?: JobServices['advisorySources'];
  advisoryVersion?: JobServices['advisoryVersion'];
  registry?: JobServices['registry'];
  releaseNotes?: JobServices['releaseNotes'];
  /** Register the process signal handlers that drain the queue (default true; tests say false). */
  handleSignals?: boolean;
  /** Called with the running app's services once they are built (tests use it to wait for jobs). */
  onReady?: (services: JobServices) => void;
}

/** createPipwardenApp returns the Probot application function. */
export function createPipwardenApp(overrides: AppOverrides = {}): ApplicationFunction {
  return async (app: Probot, { addHandler }) => {
    const env = overrides.env ?? process.env;
    const settings = overrides.settings ?? readAppSettings(env);
    const state = overrides.state ?? (await createStateStore({ redisUrl: settings.redisUrl, cacheDir: settings.cacheDir }));
    const queue =
      overrides.queue ??
      (await createQueue({
        redisUrl: settings.redisUrl,
        concurrency: settings.concurrency,
        installationConcurrency: settings.installationConcurrency,
        logger: app.log,
      }));
    const metrics = createMetrics(() => queue.depth());
    const appId = Number(env.APP_ID) || undefined;
    const services: JobServices = {
      auth: async (installationId) => instrumentOctokit(await app.auth(installationId), metrics, installationId),
      advisorySources:
        overrides.advisorySources ??
        ((githubToken) =>
          buildAdvisorySources({
            offline: false,
            advisoryDb: settings.advisoryDb,
            osvUrl: settings.osvUrl,
            cacheDir: settings.cacheDir,
            githubToken,
            githubGraphqlUrl: `${settings.githubApiUrl.replace(/\/api\/v3$/, '/api')}/graphql`,
          })),
      advisoryVersion: overrides.advisoryVersion ?? ((now) => advisoryVersion(settings, now)),
      registry: overrides.registry ?? (() => new PypiRegistry({ http: new HttpClient(), ...(settings.pypiUrl ? { baseUrl: settings.pypiUrl } : {}) })),
      releaseNotes:
        overrides.releaseNotes ?? ((token) => new GitHubReleaseNotes({ baseUrl: releasesApiUrl(env, settings.githubApiUrl), ...(token ? { token } : {}) })),
      queue,
      state,
      metrics,
      settings,
      log: app.log,
      now: overrides.now ?? (() => new Date()),
    };
    const handlerServices: HandlerServices = { queue, state, metrics };

    app.on('push', (context) => onPush(context, handlerServices));
    app.on('installation.created', (context) => onInstallationCreated(context, handlerServices));
    app.on('installation_repositories.added', (context) => onRepositoriesAdded(context, handlerServices));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], (context) => onPullRequest(context, handlerServices));
    app.on('issue_comment.created', (context) => onIssueComment(context, handlerServices));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, handlerServices, appId));

    addHandler(serveHealth(() => queue.depth()));
    addHandler(serveMetrics(metrics.registry));

    queue.process((job) => dispatchJob(job, services, () => app.auth()));
    await queue.schedule('sweep-all', settings.scheduleMs, SWEEP_ALL_JOB);
    if (settings.sweepOnStart) await queue.enqueue({ ...SWEEP_ALL_JOB, sha: `start-${services.now().toISOString()}`, reason: 'start-up' });

    if (overrides.handleSignals ?? true) {
      const drain = (signal: NodeJS.Signals) => {
        app.log.info(`${signal}: finishing the running jobs before exit`);
        void queue.close().then(async () => {
          await state.close?.();
          process.exit(0);
        });
      };
      process.once('SIGTERM', drain);
      process.once('SIGINT', drain);
    }
    overrides.onReady?.(services);
  };
}

/** The default export is what `probot run` loads. */
export default createPipwardenApp();
