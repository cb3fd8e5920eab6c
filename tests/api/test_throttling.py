"""The API limits requests per token and per IP address, answering 429 with Retry-After."""

import socket
import time

import pytest
import redis
from django.core.cache import caches

from config.testing_services import ensure_redis

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(*, token=None, ip=None):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": token, "ip": ip}}

    return set_rates


@pytest.fixture
def url(consortium):
    return f"/api/v1/{consortium.slug}/partnerships/"


@pytest.fixture
def second_admin(consortium):
    from consortia.services import consortium_role_grant

    from ..conftest import with_mfa
    from ..factories import UserFactory

    user = UserFactory(email="second.admin@taf.cymru")
    consortium_role_grant(consortium=consortium, user=user, role="consortium_admin")
    return with_mfa(user)


def test_a_token_over_its_limit_gets_429_with_retry_after(admin_api, url, rates):
    rates(token="3/minute")

    answers = [admin_api.get(url) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 60
    assert answers[-1].json()["detail"] == f"Too many requests. Try again in {answers[-1]['Retry-After']} seconds."


def test_the_refusal_is_in_welsh_for_a_welsh_client(admin_api, url, rates):
    rates(token="1/minute")
    admin_api.get(url)

    answer = admin_api.get(url, HTTP_ACCEPT_LANGUAGE="cy")

    assert answer.status_code == 429
    assert answer.json()["detail"].startswith("Gormod o geisiadau.")


def test_each_token_has_its_own_allowance(admin_api, token_client, second_admin, url, rates):
    rates(token="2/minute")
    admin_api.get(url)
    admin_api.get(url)

    assert admin_api.get(url).status_code == 429
    assert token_client(second_admin).get(url).status_code == 200


def test_one_address_is_limited_whichever_tokens_it_uses(admin_api, token_client, second_admin, url, rates):
    rates(token="100/minute", ip="3/minute")
    other = token_client(second_admin)

    answers = [admin_api.get(url), other.get(url), admin_api.get(url), other.get(url)]
    elsewhere = other.get(url, REMOTE_ADDR="192.0.2.10")

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "Retry-After" in answers[-1]
    assert elsewhere.status_code == 200


def test_an_anonymous_flood_is_refused_before_it_is_counted(api_client, url, rates):
    # No token: DRF refuses at authentication (401), before any throttle, at the cost of no query.
    rates(token="1/minute", ip="1/minute")

    answers = [api_client.get(url).status_code for _ in range(3)]

    assert answers == [401, 401, 401]


def test_a_forged_forwarded_for_does_not_escape_the_ip_limit(admin_api, token_client, second_admin, url, rates):
    rates(token="100/minute", ip="1/minute")
    admin_api.get(url)

    forged = token_client(second_admin).get(url, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert forged.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(admin_api, token_client, second_admin, url,
                                                                   rates, settings):
    rates(token="100/minute", ip="1/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    admin_api.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1")

    same_client = token_client(second_admin).get(url, HTTP_X_FORWARDED_FOR="198.51.100.1")
    another_client = token_client(second_admin).get(url, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert same_client.status_code == 429
    assert another_client.status_code == 200


def test_with_redis_every_worker_counts_the_same_requests(admin_api, url, rates, settings):
    # Two gunicorn workers share nothing but Redis: the count must be there, not in a process.
    redis_url = ensure_redis()
    settings.CACHES = {**settings.CACHES, "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "throttle-test"}}
    caches["throttle"].clear()
    rates(token="2/minute")

    first, second = admin_api.get(url), admin_api.get(url)
    keys = redis.Redis.from_url(redis_url).keys("throttle-test:*throttle_token_*")
    caches["throttle"].close()  # what a fresh worker would have: no connection, no local state
    third = admin_api.get(url)

    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]
    assert len(keys) == 1


def test_an_unreachable_throttle_store_lets_requests_through_quickly(admin_api, url, rates, settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.CACHES = {**settings.CACHES, "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    rates(token="1/minute", ip="1/minute")

    started = time.monotonic()
    answers = [admin_api.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 200]
    assert time.monotonic() - started < 5


def test_the_limits_come_from_the_environment():
    from config.settings.api import REST_FRAMEWORK

    assert REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"token": "2000/hour", "ip": "5000/hour"}
    assert REST_FRAMEWORK["NUM_PROXIES"] == 0
