"""Redis stopped: pages still answer quickly, actions that queue work still save, and the work is
done once Redis is back (the outbox sweep), with nothing lost or sent twice."""

import time

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consortia.models import OutboundEmail, PendingTask
from consortia.tasks import outbox_sweep
from governance.models import Meeting

from .servers import closed_port

pytestmark = pytest.mark.django_db


def timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_with_redis_stopped_pages_answer_and_a_sent_notice_goes_out_once_redis_is_back(
        client, consortium, consortium_admin, partnership, meeting, chair, clerk, reps, redis_stopped, settings,
        django_capture_on_commit_callbacks):
    # The API's rate counters live in Redis too.
    settings.CACHES = {**settings.CACHES, "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    slug = consortium.slug
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=consortium_admin).key}")
    client.force_login(chair)
    pages = [f"/{slug}/", f"/{slug}/meetings/", f"/{slug}/meetings/{meeting.pk}/",
             f"/{slug}/partnerships/{partnership.pk}/"]

    for url in pages:  # a worker's first request compiles templates: time a warm worker, as in production
        client.get(url)
    api.get(f"/api/v1/{slug}/partnerships/")  # the API's first request loads its schema and serializers

    answers = [timed(lambda url=url: client.get(url)) for url in pages]
    api_answer = timed(lambda: api.get(f"/api/v1/{slug}/partnerships/"))
    with django_capture_on_commit_callbacks(execute=True):
        sent, send_took = timed(lambda: client.post(f"/{slug}/meetings/{meeting.pk}/notice/", {}))
    meeting.refresh_from_db()
    kept = list(PendingTask.objects.values_list("task_name", flat=True))
    mail_while_down = len(mail.outbox)

    redis_stopped()  # Redis is back: tasks reach a worker again
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep.apply()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep.apply()  # a second sweep finds nothing left to do

    assert [(a.status_code, took < 2) for a, took in answers] == [(200, True)] * len(pages)
    assert (api_answer[0].status_code, api_answer[1] < 2) == (200, True)
    assert (sent.status_code, send_took < 2) == (302, True)
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert kept == ["governance.tasks.meeting_notices_dispatch"]
    assert mail_while_down == 0
    expected = sorted([u.email for u in reps] + [chair.email, clerk.email])
    assert sorted(address for m in mail.outbox for address in m.to) == expected
    assert OutboundEmail.objects.filter(purpose="meeting_notice", status="sent").count() == len(expected)
    assert not PendingTask.objects.exists()


def test_work_stays_pending_while_redis_is_still_down(consortium, meeting, chair, reps, redis_stopped, send):
    from governance import services

    send(services.meeting_notice_send, meeting=meeting, by=chair)
    send(outbox_sweep.apply)  # the sweep itself runs (beat reached a worker) but Redis refuses again

    assert PendingTask.objects.count() == 1
    assert mail.outbox == []
