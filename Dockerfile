# syntax=docker/dockerfile:1
# pipwarden, the GitHub App. Build: docker build -t pipwarden .   Run: docker run --env-file .env -p 3000:3000 pipwarden

# --- build: compile TypeScript with the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# --- runtime: Node, Python and the lock tools that re-locking needs, as a non-root user ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PIPWARDEN_CACHE_DIR=/var/cache/pipwarden \
    PATH=/opt/locktools/bin:$PATH \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv git ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/locktools \
 && /opt/locktools/bin/pip install --no-cache-dir uv poetry pipenv pdm \
 && mkdir -p /var/cache/pipwarden && chown node:node /var/cache/pipwarden
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json app.yml ./
COPY --chown=node:node bin ./bin
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "bin/pipwarden-server.js"]
