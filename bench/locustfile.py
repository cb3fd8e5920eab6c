"""The load run's simulated people (Locust), started headless by bench/load.py.

The plan (a JSON file named by LOAD_PLAN) lists signed-in people of mixed roles, each with a
session cookie, an API token and the pages they may open. Each simulated person takes one of
them and, with no think time, keeps opening a page picked at random among the main pages, or the
bare view: every page is asked for equally often, so the per-page throughputs compare.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, task

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
PEOPLE = PLAN["people"]
PAGES = PLAN["pages"]  # page name -> the indexes of the people who have that page
# Each person's "pages" maps a page name to its URLs (the API lists: several lists).
COOKIE_NAME = PLAN["session_cookie"]


class Person(HttpUser):
    # No wait_time between requests: the issue measures 50 people without think time.
    def wait_time(self):
        return 0

    def on_start(self) -> None:
        self.people = {page: [PEOPLE[i] for i in indexes] for page, indexes in PAGES.items()}

    def _open(self, page: str) -> None:
        person = random.choice(self.people[page])  # noqa: S311  load mix, not security
        url = random.choice(person["pages"][page])  # noqa: S311
        headers = {"Host": "127.0.0.1"}
        if page.startswith("API"):
            headers["Authorization"] = f"Token {person['token']}"
        else:
            # The session cookie is Secure in production; sent by hand over plain HTTP here.
            headers["Cookie"] = f"{COOKIE_NAME}={person['session']}"
        with self.client.get(url, headers=headers, name=page, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")

    @task
    def dashboard(self):
        self._open("dashboard")

    @task
    def partnership(self):
        self._open("partnership page")

    @task
    def meeting(self):
        self._open("meeting page")

    @task
    def meetings(self):
        self._open("meetings list")

    @task
    def agreement(self):
        self._open("agreement page")

    @task
    def api_lists(self):
        self._open("API lists")

    @task
    def bare(self):
        self._open("bare view")
