# Rollwave image. Runs TypeScript directly through tsx (`npm start`); the only
# build is the `rollwave` command line (dist/, esbuild). Expects a .dockerignore
# excluding node_modules, .git and .rollwave, so the host's node_modules never
# replaces the one built here.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first, so source edits don't invalidate this layer.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
# npm ci ran before the sources were here, so its `prepare` could not build the CLI.
RUN npm run build:cli

# ROLLWAVE_ROLE selects what this process runs:
#   all    - HTTP API and Temporal worker in one process (default)
#   api    - only the HTTP API (scale for request load)
#   worker - only the Temporal worker (scale for rollout load)
# Also required at run time: DATABASE_URL, TEMPORAL_ADDRESS, ROLLWAVE_ADMIN_KEY
# (>= 16 characters). Without DATABASE_URL/TEMPORAL_ADDRESS Rollwave would try
# to start embedded development servers, which is not what a container wants.
ENV ROLLWAVE_ROLE=all \
    HOST=0.0.0.0 \
    PORT=3000 \
    ROLLWAVE_DATA_DIR=/home/node/rollwave

USER node
EXPOSE 3000
CMD ["npm", "start"]
