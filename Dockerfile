# syntax=docker/dockerfile:1
# The micro-needling guidance bot in a container.
#   docker build -t skin-guide .
#   docker run -p 3978:3978 -v skin-guide-data:/data --env-file .env.production skin-guide
# Production settings (NODE_ENV=production) need the Azure Bot credentials; see README.md.
# To try it on a laptop, without credentials (local mode, the chat at http://localhost:3978/):
#   docker run --rm -p 3978:3978 -e NODE_ENV=development skin-guide

# ---- build: every dependency, then tsc into dist/ ---------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Its install scripts run as on a developer's machine; the `node` dev dependency's fetches a Node 24
# binary for the npm scripts, the same line as this image's own (this stage is thrown away).
RUN npm ci --no-audit --no-fund
# The whole context (see .dockerignore): the build compiles src, dialogs and bench (which imports test/support).
COPY . .
RUN npm run build

# ---- runtime: production dependencies, the compiled code and the data it reads ----------
FROM node:24-bookworm-slim AS runtime
# HOST: every interface, so a published port reaches the server in any NODE_ENV (a container's
# loopback is its own).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app

COPY package.json package-lock.json ./
# --ignore-scripts is harmless for the running bot. The install scripts in the production tree:
# - botbuilder-dialogs' postinstall runs `npx rimraf` (a devDependency, so absent here) on
#   node_modules/@microsoft/recognizers-text-{suite,date-time,number-with-unit}/node_modules/
#   @microsoft/recognizers-text-number. This lockfile puts no package at those paths (its nested
#   copies live under node_modules/botbuilder-dialogs/node_modules/), so the script removes
#   nothing: the tree is the same without it, and no npx download is attempted.
# - dtrace-provider (optional, restify): a native build (python and a compiler, not in this image);
#   restify runs without it, as in development, where package.json's allowScripts skips it.
# - core-js banners and the *-es5 rebuilds inside Web Chat's dependencies: the server never loads
#   them; the page is served Web Chat's prebuilt node_modules/botframework-webchat/dist/webchat.js.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# What the server reads at run time (src/paths.ts finds the project root as the folder that holds
# package.json beside knowledge/):
#   dist/src, dist/dialogs   the compiled bot (dist/src/index.js imports ../dialogs)
#   knowledge/               knowledge base, safety rules, lexicon, red flags, strings (src/core.ts)
#   web/                     index.html, chat.js, chat.css (src/web/chat-page.ts)
# Not copied: teams/ (only `npm run teams:package`, a dev tool, reads it), test/, bench/, src/*.ts.
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/dialogs ./dist/dialogs
COPY knowledge ./knowledge
COPY web ./web

# The lowdb store (state, transcripts, audit trail) lives on a volume owned by the node user. A new
# named volume takes this ownership; a bind-mounted host folder must be writable by uid 1000, or
# the start stops with "Invalid configuration: DATA_DIR: cannot write to /data ...".
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3978
# No curl in slim images: Node's own fetch. /healthz is 200 once the bot can take turns.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-old-space-size=256", "dist/src/index.js"]
