/**
 * The app's own HTTP endpoints, registered through Probot's `addHandler` (Probot 14's replacement for
 * its Express router): `/healthz` for load balancers and container health checks, `/metrics` for
 * Prometheus.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const pathOf = (req: IncomingMessage): string => new URL(req.url ?? '/', 'http://localhost').pathname;

/** serveHealth answers `GET /healthz` with 200 and the queue depth, or 503 when the queue cannot be read (Redis down). */
export function serveHealth(readDepth: () => Promise<number>): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' || pathOf(req) !== '/healthz') return false;
    try {
      const depth = await readDepth();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', queueDepth: depth }));
    } catch (error) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', error: (error as Error).message }));
    }
    return true;
  };
}

/** serveMetrics answers `GET /metrics` in Prometheus' text format. */
export function serveMetrics(registry: Registry): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' || pathOf(req) !== '/metrics') return false;
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    return true;
  };
}
