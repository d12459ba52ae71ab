"""Workbench load figures (issue 14): page times with 20 concurrent users on a board of
10,000 forms, and parse throughput with 1 and 2 worker processes.

    python bench/bench_web.py [--forms 10000] [--users 20] [--seconds 30] [--files 40]

Everything runs on 127.0.0.1 in a temporary data folder. The board is seeded straight into
the database (one parsed form per sample, copied with new names); page times come from locust
(headless, bounded duration); throughput = files read per second from the moment the worker
processes start until the last file is done (Word forms generated from the samples).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("FUPIN_", "DJANGO_"))}
CLI = [sys.executable, "-m", "fupin_forms"]

SEED = """
import copy, json, sys
from fupin_forms.web.bootstrap import configure, migrate
configure(sys.argv[1]); migrate()
from django.db import transaction
from fupin_forms.web.accounts.service import add_user
from fupin_forms.web.intake.models import Form, StoredFile
from fupin_forms.web.intake.records import refresh
from fupin_forms.parse.reader import read_forms
n = int(sys.argv[2])
add_user("province", "pw", "山东省科协", "province", "山东省", "clerk")
add_user("yishui", "pw", "沂水县科协", "county", "临沂市沂水县", "clerk")
templates = []
for i, path in enumerate(sorted(__import__("pathlib").Path(sys.argv[3]).glob("*.json"))):
    f = StoredFile.objects.create(sha256=f"{i:064x}", name=path.name, suffix=".json", size=1)
    parsed = read_forms(path)[0]
    form = Form.objects.create(file=f, form=parsed.form, parsed=parsed.data,
                               fields={p: s.to_json() for p, s in parsed.fields.items()})
    refresh(form)
    templates.append(form)
with transaction.atomic():
    files = StoredFile.objects.bulk_create(
        [StoredFile(sha256=f"{i + 1000:064x}", name=f"表{i}.json", suffix=".json", size=1,
                    office="山东省科协", state="done") for i in range(n - len(templates))],
        batch_size=1000)
    rows = []
    for i, f in enumerate(files):
        t = templates[i % len(templates)]
        data = copy.deepcopy(t.data)
        key = "applicant_name" if "applicant_name" in data else ("unit_name" if "unit_name" in data else "expert")
        data[key] = f"专家{i}"
        rows.append(Form(file=f, form=t.form, parsed=data, fields=t.fields, data=data, issues=t.issues,
                         status=t.status, ready_for=t.ready_for, applicant=f"专家{i}", project=t.project,
                         category=t.category, county=t.county, city=t.city))
    Form.objects.bulk_create(rows, batch_size=1000)
print(json.dumps(Form.objects.count()))
"""

LOCUSTFILE = """
import random
from locust import HttpUser, between, task

class Clerk(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.get("/login/")
        token = self.client.cookies.get("csrftoken")
        name = random.choice(["province", "yishui"])
        self.client.post("/login/", {"username": name, "password": "pw",
                                     "csrfmiddlewaretoken": token}, headers={"Referer": self.host + "/login/"})

    @task(5)
    def board(self):
        self.client.get(f"/?page={random.randint(1, 50)}", name="/ (board page)")

    @task(2)
    def search(self):
        self.client.get(f"/?q=专家{random.randint(1, 9999)}", name="/?q= (search)")

    @task(2)
    def filtered(self):
        self.client.get("/?form=annex4&status=complete", name="/?form&status (filter)")

    @task(3)
    def form(self):
        # a county account gets 404 for another county's form: that is the right answer
        with self.client.get(f"/forms/{random.randint(1, 10000)}/", name="/forms/ID/",
                             catch_response=True) as r:
            if r.status_code in (200, 404):
                r.success()

    @task(1)
    def stats(self):
        self.client.get("/stats/", name="/stats/ (quota, days, subsidies)")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def load(tmp: Path, forms: int, users: int, seconds: int) -> None:
    data = tmp / "load"
    # page times are what is measured, not 20 simultaneous PBKDF2 logins (about 0.5 s of CPU
    # each): the bench accounts use the fast hasher the tests use
    env = {**ENV, "FUPIN_FAST_HASHER": "1"}
    out = subprocess.run(
        [sys.executable, "-c", SEED, str(data), str(forms), str(SAMPLES)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    print(f"seeded {out.stdout.strip()} forms")
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "serve", "--data", str(data), "--port", str(port), "--workers", "0"],
        env=env,
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz")
        locustfile = tmp / "locustfile.py"
        locustfile.write_text(LOCUSTFILE, "utf-8")
        subprocess.run(
            [
                "locust",
                "-f",
                str(locustfile),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(tmp / "load"),
                "--only-summary",
                "--reset-stats",
                "--stop-timeout",
                "5",
            ],
            env=ENV,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=seconds + 120,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    import csv

    print(f"\n{users} users, {seconds} s, board of {forms} forms (ms):")
    print(f"{'request':40} {'n':>6} {'fail':>5} {'p50':>7} {'p95':>7}")
    with open(tmp / "load_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            print(
                f"{row['Name']:40} {row['Request Count']:>6} {row['Failure Count']:>5} "
                f"{row['50%']:>7} {row['95%']:>7}"
            )


def throughput(tmp: Path, n: int, workers: int) -> float:
    from fupin_forms.api import render_form
    from fupin_forms.models import Annex4

    folder = tmp / f"files{workers}"
    if not folder.exists():
        folder.mkdir()
        base = json.loads((SAMPLES / "annex4_linyi_meng.json").read_text("utf-8"))
        for i in range(n):
            base["applicant_name"] = f"专家{i}"
            (folder / f"f{i}.docx").write_bytes(
                render_form("annex4", Annex4.model_validate(base), "docx")
            )
    data = tmp / f"tp{workers}"
    code = (
        "import sys\nfrom fupin_forms.web.bootstrap import configure, migrate\nconfigure(sys.argv[1]); migrate()\n"
        "from fupin_forms.web.intake.tasks import receive\n"
        "for p in sys.argv[2:]:\n    receive(p.rsplit('/',1)[-1], open(p,'rb'))\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(data), *map(str, sorted(folder.iterdir()))],
        env=ENV,
        check=True,
        capture_output=True,
    )
    start = time.monotonic()
    procs = [
        subprocess.Popen(
            [*CLI, "worker", "--data", str(data)],
            env=ENV,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while True:
            with sqlite3.connect(f"file:{data / 'db.sqlite3'}?mode=ro", uri=True, timeout=30) as db:
                left = db.execute(
                    "SELECT COUNT(*) FROM intake_storedfile WHERE state IN ('queued','parsing')"
                ).fetchone()[0]
            if left == 0:
                break
            time.sleep(0.2)
        elapsed = time.monotonic() - start
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=10000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    if shutil.which("locust") is None and not args.skip_load:
        raise SystemExit("locust is not installed (pip install locust)")
    tmp = Path(tempfile.mkdtemp(prefix="fupin-bench-web-"))
    try:
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if not args.skip_load:
            load(tmp, args.forms, args.users, args.seconds)
        for workers in (1, 2):
            rate = throughput(tmp, args.files, workers)
            print(
                f"parse throughput, {workers} worker(s): {rate:.2f} Word forms/s "
                f"({args.files} files, worker start-up included)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
