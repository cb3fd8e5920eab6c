# syntax=docker/dockerfile:1
# One image for web (default CMD), migrate, Celery worker and beat; see docker-compose.yml.

# --- base: what both stages need ---------------------------------------------------------
FROM python:3.11-slim-bookworm AS base

# WeasyPrint's native libraries. Also present in the build stage so that collectstatic,
# which imports every installed app, still works once an app imports WeasyPrint at load time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

# --- assets: the design system (GOV.UK Frontend from npm, with its lock file) ------------
FROM node:20-bookworm-slim AS assets
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN node build.mjs

# --- build: dependencies, translations, static files -------------------------------------
FROM base AS build

# gettext is only needed for compilemessages, so it stays out of the runtime image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==0.13.9"

# Use the image's Python (never download one); copy, not hard-link, out of the cache mount.
ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy

# Dependencies first, so code changes don't reinstall them.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev

COPY . .
COPY --from=assets /app/static/build /app/static/build

# Production settings refuse to load without a long SECRET_KEY; this dummy exists only for
# the RUN below and is never set in the image's environment.
ARG BUILD_SECRET_KEY=build-time-only-dummy-secret-key-not-used-at-runtime-0123456789
RUN export SECRET_KEY="$BUILD_SECRET_KEY" \
    && if [ -d locale ]; then python manage.py compilemessages --ignore=.venv; fi \
    && python manage.py collectstatic --noinput

# --- runtime ------------------------------------------------------------------------------
FROM base AS runtime

ENV PYTHONDONTWRITEBYTECODE=1

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

# Code, venv and collected static files stay root-owned (read-only to the app user).
COPY --from=build /app /app
# media is a volume: a new named volume copies this directory's owner, so uploads can be written.
RUN mkdir -p /app/var/media && chown app:app /app/var /app/var/media

USER app
EXPOSE 8000

# No curl in slim. Host comes from ALLOWED_HOSTS so the check isn't rejected with a 400.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=8)"]

# config/gunicorn.py: one worker per core unless WEB_CONCURRENCY says otherwise, heartbeats
# in /dev/shm (the overlay filesystem can stall them), access log with time in the worker.
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
