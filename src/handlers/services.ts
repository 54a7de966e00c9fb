/**
 * What webhook handlers need: a queue to hand work to, the state store to recognise a redelivered
 * webhook, and the metrics. Handlers stay thin (DESIGN.md): guard, then enqueue.
 */
import type { Context } from 'probot';
import type { AppMetrics } from '../app/metrics.js';
import type { Queue } from '../jobs/types.js';
import type { StateStore } from '../state/types.js';

/** HandlerServices are injected into every handler. */
export interface HandlerServices {
  queue: Queue;
  state: StateStore;
  metrics: AppMetrics;
}

/** DELIVERY_MEMORY_MS is how long a delivery id is remembered; GitHub lets a delivery be redelivered for 3 days. */
export const DELIVERY_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * firstDelivery claims a webhook delivery: true the first time its id is seen, by any instance. GitHub
 * keeps the `X-GitHub-Delivery` id when a delivery is redelivered, so a redelivery is recognised here.
 */
export async function firstDelivery(context: Context, services: HandlerServices): Promise<boolean> {
  const first = await services.state.setIfAbsent(`delivery:${context.id}`, context.name, DELIVERY_MEMORY_MS);
  if (!first) {
    services.metrics.duplicates.inc({ event: context.name });
    context.log.info({ delivery: context.id }, 'delivery already handled: skipped');
  }
  return first;
}

/** installationIdOf is the installation a webhook came through (every event pipwarden subscribes to has one). */
export function installationIdOf(context: Context): number {
  const payload = context.payload as { installation?: { id?: number } };
  const id = payload.installation?.id;
  if (typeof id !== 'number') throw new Error(`${context.name} event without an installation`);
  return id;
}
