"""Gunicorn's settings, read by the Docker image, docker compose and the load benchmark.

    gunicorn -c config/gunicorn.py config.wsgi:application

Every value can be overridden by the environment (WEB_CONCURRENCY, PORT, GUNICORN_TIMEOUT) or
on gunicorn's command line, which wins over this file.
"""

import os


def env_int(name: str, default: int) -> int:
    # Not config.env: gunicorn reads this file before the project is on sys.path.
    value = os.environ.get(name)
    return int(value) if value else default


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def available_cores() -> int:
    # The cores this process may run on (a container's cpuset), not the whole host's.
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# --- Workers ------------------------------------------------------------------------------
# The pages are CPU-bound (templates, permission checks): more sync workers than cores only
# adds context switches. Measured on 2 cores, 4 workers served fewer requests than 2.
workers = env_int("WEB_CONCURRENCY", available_cores())
worker_class = "sync"
# All interfaces: inside a container the port is published (compose binds it to loopback).
bind = f"{env_str('BIND_HOST', '0.0.0.0')}:{env_int('PORT', 8000)}"  # noqa: S104
# Longer than the slowest page, shorter than a person's patience; long work goes to Celery.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# Recycled now and then, so a slow leak in a library never grows without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a container's overlay filesystem can stall them and get workers killed.
if os.path.isdir("/dev/shm"):  # noqa: S108  gunicorn's own files, not user data
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# --- Logging ------------------------------------------------------------------------------
accesslog = env_str("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The usual combined format plus the time spent inside the worker, in microseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
