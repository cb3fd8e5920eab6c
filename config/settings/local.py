"""Local development and `make run`: debug on, embedded database and broker by default."""

from config.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# The embedded database, queue and media live here; created on first use.
for _path in (VAR_DIR, VAR_DIR / "celery-queue", VAR_DIR / "celery-processed", VAR_DIR / "celery-control"):  # noqa: F405
    _path.mkdir(parents=True, exist_ok=True)
