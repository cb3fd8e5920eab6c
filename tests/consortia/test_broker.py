"""Tasks travel through a real Redis broker to a real worker (the deployment's shape)."""

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core import mail

from config.testing_services import ensure_redis
from consortia.models import OutboundEmail
from consortia.tasks import outbox_send


@pytest.fixture
def redis_app():
    """The project's Celery configuration, on a real Redis, without touching the global app."""
    redis_app = Celery("broker-test", set_as_current=False)
    redis_app.config_from_object("django.conf:settings", namespace="CELERY")
    redis_app.conf.update(broker_url=ensure_redis(), task_always_eager=False,
                          broker_transport_options={"visibility_timeout": 3600})
    yield redis_app
    redis_app.close()


@pytest.mark.django_db(transaction=True)
def test_an_email_sent_through_redis_is_delivered_once(redis_app, consortium):
    # Created directly: outbox_enqueue would hand it to the suite's eager app at once.
    email = OutboundEmail.objects.create(consortium=consortium, recipient="head@ysgol.cymru", purpose="broker-test",
                                         object_type="consortia.consortium", object_id=str(consortium.pk),
                                         subject="Through Redis", body_text="Hello")
    send = redis_app.tasks[outbox_send.name]
    result = send.apply_async(args=[consortium.pk, email.pk], ignore_result=True)
    duplicate = send.apply_async(args=[consortium.pk, email.pk], ignore_result=True)
    assert OutboundEmail.objects.get(pk=email.pk).status == "queued"  # waiting in Redis, not run eagerly

    with start_worker(redis_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and OutboundEmail.objects.get(pk=email.pk).status != "sent":
            time.sleep(0.1)
        time.sleep(0.5)  # give the duplicate its chance to (wrongly) send

    assert result.id != duplicate.id
    assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Through Redis"]
