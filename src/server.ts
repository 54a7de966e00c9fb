/**
 * `npm start` / `pipwarden serve`: runs the GitHub App with Probot's server. Probot reads its settings from
 * the environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, PORT, REDIS_URL…);
 * see `.env.example`. Without APP_ID, Probot starts its setup page that registers the app from `app.yml`.
 */
import { run } from 'probot';
import { createPipwardenApp } from './app.js';
import { createOctokitClass } from './app/octokit.js';

/** startServer starts the app and resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await run(createPipwardenApp({ env }), { env, Octokit: createOctokitClass() });
}
