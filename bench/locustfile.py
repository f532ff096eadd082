"""The mixed load of a working day, for Locust (run by bench/load_test.py, or by hand against any server):

    .venv/bin/locust -f bench/locustfile.py --headless --host http://127.0.0.1:8000 --users 16 --spawn-rate 4 --run-time 60s

Three kinds of user, each signed in through the login form as a browser is, with a think time between
pages (a page is its HTML shell and the API calls its script makes, as the pages in static/app/pages do):
- staff (a county handler, BENCH_COUNTY): case, suggestion and clue lists, case pages, the workbench;
- handlers recording what they did (the same county account): a case's outcome figure (办案成效), which the
  API updates in place when recorded again, and marking a notice read — writes that are safe to repeat
  on a benchmark database however long the test runs;
- supervisors (BENCH_PROVINCE, BENCH_SUPREME): the rectification board and the statistics overview, the
  case list of their subtree, the overdue deadlines below them.
Everyone polls the small unread-notifications count, as the header of a page does.

Usernames and the password come from the environment (defaults: nat_county, nat_province, nat_supreme,
bench-pass-2026: the accounts `manage.py generate_national` creates).
"""

import os
import random
import time

import requests
from locust import HttpUser, between, task
from locust.exception import StopUser

PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-pass-2026")
COUNTY = os.environ.get("BENCH_COUNTY", "nat_county")
PROVINCE = os.environ.get("BENCH_PROVINCE", "nat_province")
SUPREME = os.environ.get("BENCH_SUPREME", "nat_supreme")


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        # Signing in is a once-a-day cost (a deliberately slow password hash), not a page: it runs on a session
        # of its own so that it stays out of the figures, and only a failure is reported.
        browser = requests.Session()
        started = time.perf_counter()
        browser.get(self.host + "/login/")
        response = browser.post(
            self.host + "/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")},
            allow_redirects=False,
        )
        if response.status_code != 302:
            self.environment.events.request.fire(
                request_type="POST", name="/login/ (sign in)", response_time=(time.perf_counter() - started) * 1000,
                response_length=0, response=response, context={},
                exception=RuntimeError(f"{self.username} could not sign in ({response.status_code})"),
            )  # fmt: skip
            raise StopUser
        self.client.cookies.update(browser.cookies)
        self.case_ids = [row["id"] for row in self.api("/api/v1/cases/?page_size=50", name="/api/v1/cases/ (ids)")]

    def api(self, url, *, name=None):
        """GET an API list or object; the rows of a list, else the object (None when it failed)."""
        response = self.client.get(url, name=name or url)
        if response.status_code != 200:
            return []
        data = response.json()
        return data.get("results", data) if isinstance(data, dict) else data

    def post(self, url, body, *, name):
        return self.client.post(url, json=body, headers={"X-CSRFToken": self.client.cookies.get("csrftoken", "")}, name=name)

    @task(3)
    def unread_count(self):
        self.client.get("/api/v1/notifications/unread-count/")

    def case_page(self):
        if not self.case_ids:
            return None
        pk = random.choice(self.case_ids)
        self.client.get(f"/cases/{pk}/", name="/cases/[id]/")
        return self.api(f"/api/v1/cases/{pk}/", name="/api/v1/cases/[id]/")


class Staff(SignedIn):
    """A county handler going through the lists and the case pages."""

    weight = 3
    username = COUNTY

    @task(4)
    def case_list(self):
        self.client.get("/cases/")
        self.api("/api/v1/cases/?ordering=next_due_on&page=1&page_size=20")

    @task(3)
    def open_case(self):
        self.case_page()

    @task(2)
    def suggestion_list(self):
        self.client.get("/suggestions/")
        self.api("/api/v1/suggestions/?page=1&page_size=20")

    @task(2)
    def clue_list(self):
        self.client.get("/clues/")
        self.api("/api/v1/clues/?page=1")

    @task(2)
    def workbench(self):
        self.client.get("/")
        # ui-workbench.js: my open deadlines, their figures in one aggregate, my approval requests.
        self.api("/api/v1/deadlines/?mine=true&state=open&page_size=200")
        self.api("/api/v1/deadlines/counts/?mine=true&state=open")
        self.api("/api/v1/approvals/?mine=true&ordering=-submitted_at&page_size=20")


class Handler(SignedIn):
    """A county handler recording what was done: an outcome figure of a case, a notice read."""

    weight = 1
    username = COUNTY

    @task(3)
    def record_outcome(self):
        case = self.case_page()
        if case and any(a["action"] == "metrics" for a in case.get("allowed_actions", [])):
            # Recording the same figure again updates it (case_metric_set): repeatable without piling up rows.
            self.post(
                f"/api/v1/cases/{case['id']}/metrics/",
                {"kind": "waste_cleared", "quantity": "12.50", "note": "压测"},
                name="/api/v1/cases/[id]/metrics/ (record)",
            )

    @task(2)
    def read_a_notice(self):
        self.client.get("/notifications/")
        notices = self.api("/api/v1/notifications/?page=1")
        if notices:
            self.post(f"/api/v1/notifications/{notices[0]['id']}/read/", {}, name="/api/v1/notifications/[id]/read/")


class Supervisor(SignedIn):
    """A provincial or the supreme procuratorate's supervisor: the board, the statistics, the subtree's lists."""

    weight = 2
    username = PROVINCE

    @task(3)
    def rectification_board(self):
        self.client.get("/suggestions/rectification/")
        # cases-rectification.js: the counts from the rollups in one call, the overdue, then the page of 50.
        self.api("/api/v1/stats/rectification/")
        self.api("/api/v1/suggestions/?rectification=overdue&page_size=50&ordering=reply_due_date")
        self.api("/api/v1/suggestions/?page=1&page_size=50&ordering=reply_due_date")

    @task(2)
    def statistics(self):
        self.client.get("/statistics/")
        self.api("/api/v1/stats/overview/")

    @task(2)
    def case_list(self):
        self.client.get("/cases/")
        self.api("/api/v1/cases/?ordering=next_due_on&page=1&page_size=20")

    @task(1)
    def overdue_below(self):
        self.client.get("/")
        self.api("/api/v1/deadlines/?overdue=true&page_size=50")

    @task(1)
    def open_case(self):
        self.case_page()


class SupremeSupervisor(Supervisor):
    weight = 1
    username = SUPREME
