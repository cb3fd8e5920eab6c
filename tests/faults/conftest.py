"""Fault fixtures: the governance fixtures (a meeting with representatives) and a stopped Redis."""

import pytest

from tests.governance.conftest import meeting, reps, schools, send  # noqa: F401  fixtures used here too

from .servers import closed_port


def _drop_connections(app) -> None:
    # The producer pool keeps connections to the broker it was made for; kombu's registry of
    # pools is global, so it is emptied too (a closed pool left in it would be handed out again).
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_stopped(settings):
    """Celery publishes to a Redis that is not running, with the production transport options.

    Yields a function that brings "Redis" back: tasks then run in-process, as a worker would.
    """
    from config.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_transport_options")}
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{closed_port()}/0",
                    broker_transport_options=settings.REDIS_BROKER_TRANSPORT_OPTIONS)
    _drop_connections(app)

    def redis_returns():
        app.conf.update(saved)
        _drop_connections(app)

    yield redis_returns
    redis_returns()
