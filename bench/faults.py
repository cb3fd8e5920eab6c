"""Faults that need real processes (`make faults`): a Celery worker killed with SIGKILL in the middle
of sending 500 notices (at most once: nothing resent by the system, the unknown ones settled as an
admin would), and PostgreSQL restarted under load.

    .venv/bin/python -m bench.faults

Each check prints what it measured and the script exits 1 if any failed. PostgreSQL, Redis,
the worker and gunicorn are real processes started here (config/testing_services.py), with the
production settings; mail goes to Django's file backend so every message can be counted.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from config import testing_services

ROOT = Path(__file__).resolve().parent.parent
NOTICES = 500
MAIL_DIR = Path(tempfile.mkdtemp(prefix="partneriaeth-mail-"))


def _environment() -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": testing_services.ensure_postgres(),
        "REDIS_URL": testing_services.ensure_redis(),
        "EMAIL_URL": f"file:{MAIL_DIR}",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # Short, so that the rows a killed worker left "sending" show as unknown within the run.
        "OUTBOX_SENDING_LEASE_SECONDS": "15",
    }
    os.environ.update(env)
    return {**os.environ, **env}


def _start_worker(env) -> subprocess.Popen:
    # Its own session, so SIGKILL reaches the pool's children too, as when a container is killed.
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "-Q", "default", "-c", "2", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def _delivered() -> tuple[Counter, set[str]]:
    """How many messages each address was sent, and their Message-IDs, from the file backend's files."""
    counts: Counter = Counter()
    message_ids: set[str] = set()
    for path in MAIL_DIR.glob("*.log"):
        text = path.read_text(errors="replace")
        for to in re.findall(r"^To: (.+)$", text, flags=re.M):
            counts[to.strip()] += 1
        message_ids.update(found.strip() for found in re.findall(r"^Message-ID: (.+)$", text, flags=re.M))
    return counts, message_ids


def check_worker_killed_mid_send(env) -> bool:
    """SIGKILL the worker while it sends 500 notices, restart it, and count what each recipient got.

    Sending is at most once: an email the dead worker had claimed is never resent by the system. Its
    row stays "sending" until the lease (OUTBOX_SENDING_LEASE_SECONDS, short here) is over, then
    shows "unknown — check". The script then does what the admin is asked to: it looks each one up
    in the mail server's log (the file backend's files, by Message-ID) and marks it sent if it went,
    or sends it again if it did not. Passing means every recipient ends with exactly one notice and
    nobody got two, at any point.
    """
    from django.db import transaction

    from consortia.models import Consortium, OutboundEmail
    from consortia.outbox import outbox_enqueue, outbox_mark_sent, outbox_retry
    from consortia.tasks import outbox_sweep

    consortium = Consortium.objects.create(name="Consortiwm Prawf", slug=f"faults-{secrets.token_hex(3)}")
    recipients = [f"head{n:03d}@ysgol.cymru" for n in range(NOTICES)]
    with transaction.atomic():  # 500 tasks go to Redis when this commits
        for address in recipients:
            outbox_enqueue(consortium=consortium, recipient=address, purpose="meeting_notice", about=consortium,
                           version=1, subject="Notice of meeting", body_text="The agenda is attached.")
    rows = OutboundEmail.objects.filter(consortium=consortium)
    sent = rows.filter(status=OutboundEmail.Status.SENT)
    in_flight = rows.filter(status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.RETRYING,
                                        OutboundEmail.Status.SENDING])

    worker = _start_worker(env)
    deadline = time.monotonic() + 120
    while sent.count() < NOTICES // 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    at_kill = sent.count()
    _kill(worker)
    after_kill = sent.count()
    left_sending = rows.filter(status=OutboundEmail.Status.SENDING).count()

    worker = _start_worker(env)
    deadline = time.monotonic() + 300
    settled = None
    unknown = marked = resent = 0
    twice_before_admin: list[str] | None = None  # counted once the system has done all it will do
    try:
        while time.monotonic() < deadline:
            # What beat does every minute: sends the rows whose task was lost, and marks the rows the dead
            # worker left "sending" as unknown once the lease is over (never resending them).
            outbox_sweep.delay()
            time.sleep(3)
            if in_flight.exists():
                continue
            if twice_before_admin is None:
                delivered, _ids = _delivered()
                twice_before_admin = [a for a in recipients if delivered[a] > 1]
            left = list(rows.filter(status=OutboundEmail.Status.UNKNOWN).values_list("pk", "message_id"))
            if not left:
                settled = "settled"
                break
            unknown += len(left)
            _counts, message_ids = _delivered()
            went = [pk for pk, message_id in left if message_id in message_ids]
            lost = [pk for pk, message_id in left if message_id not in message_ids]
            marked += outbox_mark_sent(consortium=consortium, actor="bench.faults (admin)", email_ids=went)
            resent += outbox_retry(consortium=consortium, actor="bench.faults (admin)", email_ids=lost)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with the sweeps queued above: what it sent is counted
            _kill(worker)
    delivered, _ids = _delivered()
    once = sum(1 for address in recipients if delivered[address] == 1)
    twice = sorted(address for address in recipients if delivered[address] > 1)
    missing = sorted(address for address in recipients if delivered[address] == 0)
    twice_before_admin = twice_before_admin or []
    ok = (settled is not None and once == NOTICES and sent.count() == NOTICES and not twice
          and not twice_before_admin)
    print(f"worker SIGKILL mid-send: killed at {at_kill}/{NOTICES} sent ({after_kill} when it died, "
          f"{left_sending} left 'sending'); after restart the system resent none of them: "
          f"{len(twice_before_admin)} recipients with two notices; {unknown} became 'unknown — check' after the "
          f"lease, of which the admin found {marked} delivered (marked sent) and {resent} not (sent again); "
          f"finally {sent.count()} sent, {once}/{NOTICES} recipients with exactly one notice, "
          f"{len(twice)} with more {twice[:5]}, {len(missing)} with none {missing[:5]}"
          f"{'' if settled else ' (not settled within 300 s)'} -> {'OK' if ok else 'FAILED'}")
    return ok


def check_postgres_restart_under_load(env) -> bool:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    web = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application"],
        cwd=ROOT, env={**env, "WEB_CONCURRENCY": "2", "PORT": str(port), "BIND_HOST": "127.0.0.1",
                       "GUNICORN_ACCESS_LOG": "/dev/null", "CONN_MAX_AGE": "60"},
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Token authentication looks the token up in the database: 401 means the database answered,
    # a 500 that it did not.
    url = f"http://127.0.0.1:{port}/api/v1/faults/partnerships/"
    headers = {"Authorization": "Token " + "0" * 40, "Host": "127.0.0.1"}

    def ask() -> tuple[float, int]:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as answer:
                return started, answer.status
        except urllib.error.HTTPError as exc:
            return started, exc.code
        except OSError:
            return started, 0

    try:
        deadline = time.monotonic() + 60
        while ask()[1] != 401 and time.monotonic() < deadline:
            time.sleep(0.2)
        results: list[tuple[float, int]] = []
        stop_at = time.monotonic() + 12

        def load() -> None:
            while time.monotonic() < stop_at:
                results.append(ask())

        with ThreadPoolExecutor(4) as pool:
            for _ in range(4):
                pool.submit(load)
            time.sleep(3)
            restart_started = time.monotonic()
            testing_services.restart_postgres()
            restarted = time.monotonic()
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
    before = Counter(code for at, code in results if at < restart_started)
    during = Counter(code for at, code in results if restart_started <= at < restarted)
    after = Counter(code for at, code in results if at >= restarted)
    ok = bool(after) and set(after) == {401} and set(before) == {401}
    print(f"PostgreSQL restarted under load ({restarted - restart_started:.1f} s): before {dict(before)}, "
          f"during {dict(during)}, after {dict(after)} -> {'OK' if ok else 'FAILED'}")
    return ok


def main() -> int:
    env = _environment()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    only = sys.argv[1:]  # e.g. `python -m bench.faults postgres`
    checks = {"worker": check_worker_killed_mid_send, "postgres": check_postgres_restart_under_load}
    results = [check(env) for name, check in checks.items() if not only or name in only]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
