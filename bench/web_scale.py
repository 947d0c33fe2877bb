"""The site under load and under long work, as `make bench-web` runs it.

    .venv/bin/python bench/web_scale.py [--huge | --huge-only] [--app-servers 1] [--workers 1]

Starts its own servers on loopback against DATABASE_URL (bench/web_load.sh makes a
throwaway SQLite file, or a PostgreSQL cluster for the scale-out run): gunicorn app
servers (2 worker processes each) and `manage.py db_worker` task workers, then
measures, each against the issue's target:

- the seed comparison page under wrk (-t2 -c32): requests/s and p99;
- 2,000 x 2,000 sentences: the request that asks, the time until the worker is done,
  the finished page's first render and size;
- 20,000 one-sided sentences: first render and size;
- a 5 MB upload by staff while 4 loops create comparisons: errors;
- an anonymous burst beyond the creation limit: 429s and rows made;
- kill -9 of a task worker in the middle of a comparison: retried or failed plainly,
  the database's integrity check, rows lost;
- with --huge, 57k x 100k sentences: no 500, finished in the background, the page,
  JSON and CSV, and the peak memory of each server process; --huge-only runs that
  alone (no other scenario, nothing else set up).

Every request goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "bench-" + uuid.uuid4().hex


def manage(*args: str, capture: bool = False) -> str:
    out = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, check=True, text=True, capture_output=capture
    )
    return out.stdout if capture else ""


def django_shell(code: str) -> str:
    return manage("shell", "-v", "0", "-c", code, capture=True).strip()


class Client:
    """A browser-like client: cookies, CSRF token, no redirects followed."""

    def __init__(self, base: str, address: str = ""):
        self.base = base
        # The app believes it is behind https (secure cookies); send them over loopback.
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "http"))
        self.jar = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.headers = {"X-Forwarded-Proto": "https"}
        # the app sees https (X-Forwarded-Proto), so the CSRF check wants an https Referer
        self.secure_base = base.replace("http://", "https://")
        if address:
            self.headers["X-Real-IP"] = address

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: bytes | None = None, headers=None, timeout=120):
        req = urllib.request.Request(
            self.base + path, data=data, headers={**self.headers, **(headers or {})}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=timeout) as response:
                body = response.read()
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as err:
            body, status, location = err.read(), err.code, err.headers.get("Location", "")
        return status, body, location, time.perf_counter() - started

    def get(self, path: str, **kw):
        return self.request(path, **kw)

    def post(self, path: str, fields: dict[str, str], **kw):
        if not self.csrf():
            self.get(path)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        headers = {"Referer": self.secure_base + path}
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(path, data=data, headers=headers, **kw)

    def login(self, username: str) -> None:
        self.get("/admin/login/")
        status, *_ = self.post(
            "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
        )
        assert status == 302, f"login failed ({status})"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def compare(client: Client, left: int, right: int) -> tuple[int, str, float]:
    status, _, location, seconds = client.post(
        "/compare/", {"left": str(left), "right": str(right)}
    )
    return status, location, seconds


def wait_done(client: Client, url: str, limit: float) -> tuple[float, str]:
    """Poll a comparison page (as the htmx box does) until it is done or failed."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        status, body, _, _ = client.get(
            url, headers={"HX-Request": "true", "HX-Target": "progress"}
        )
        text = body.decode()
        if status == 204:
            return time.perf_counter() - started, "done"
        if "could not be made" in text:
            return time.perf_counter() - started, "failed"
        time.sleep(0.5)
    return time.perf_counter() - started, "timed out"


def first_render(client: Client, url: str) -> tuple[int, float, int]:
    status, body, _, seconds = client.get(url)
    return status, seconds, len(body)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Servers:
    def __init__(self, app_servers: int, workers: int, port: int):
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.ports = [port + n for n in range(app_servers)]
        for p in self.ports:
            self.procs.append(
                subprocess.Popen(
                    [
                        str(ROOT / ".venv/bin/gunicorn"),
                        "newsdiff.wsgi",
                        "-w",
                        "2",
                        "-b",
                        f"127.0.0.1:{p}",
                        "--log-level",
                        "warning",
                        "--timeout",
                        "30",
                    ],
                    cwd=ROOT,
                )
            )
        for _ in range(workers):
            self.start_worker()
        for p in self.ports:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{p}/", timeout=2)
                    break
                except Exception:
                    time.sleep(0.2)

    def start_worker(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            [PY, "manage.py", "db_worker", "--interval", "0.2", "--no-reload", "-v", "0"], cwd=ROOT
        )
        self.workers.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.procs + self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs + self.workers:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


SETUP = """
import json, sys
from django.contrib.auth import get_user_model
from bench.comparison_create import _texts
from newsdiff import pipeline
from newsdiff.analysis.types import CleanedText
from newsdiff.models import Article, Source
User = get_user_model()
User.objects.filter(username="bench").delete()
User.objects.create_superuser("bench", "bench@example.org", "{password}")
src, _ = Source.objects.get_or_create(slug="bench", defaults={{"name": "Bench Outlet"}})
def article(body, headline, tag):
    cleaned = CleanedText(raw=tag + body, body=body, headline=headline)
    return pipeline.save_article(cleaned, source=src).pk
out = {{}}
if {huge} == "only":
    h1 = " ".join(f"Hx{{k}}a saw Hx{{k}}b at Hx{{k}}c." for k in range(57000))
    h2 = " ".join(f"Hy{{k}}a saw Hy{{k}}b at Hy{{k}}c." for k in range(100000))
    out["huge"] = [article(h1, "Huge left", "H1"), article(h2, "Huge right", "H2")]
    print(json.dumps(out))
    sys.exit(0)
a = Article.objects.get(original_filename="000_abca97e62226170e.txt")
b = Article.objects.get(original_filename="002_949427fbf105c65a.txt")
out["seed"] = pipeline.compare_articles(a, b).get_absolute_url()
left, right = _texts(2000)
out["big"] = [article(left, "Left 2000", "L2000"), article(right, "Right 2000", "R2000")]
lone = " ".join(f"Zq{{k}}a met Zq{{k}}b near Zq{{k}}c." for k in range(20000))
out["lonely"] = [
    article(lone, "Twenty thousand", "LONE"), article("A short report.", "Short", "SHORT")
]
small = [
    article(f"Report {{n}} says Vx{{n}} met Wy{{n}} on Monday.", f"Report {{n}}", f"S{{n}}")
    for n in range(90)
]
out["small"] = small
out["source"] = src.pk
if {huge}:
    h1 = " ".join(f"Hx{{k}}a saw Hx{{k}}b at Hx{{k}}c." for k in range(57000))
    h2 = " ".join(f"Hy{{k}}a saw Hy{{k}}b at Hy{{k}}c." for k in range(100000))
    out["huge"] = [article(h1, "Huge left", "H1"), article(h2, "Huge right", "H2")]
print(json.dumps(out))
"""


def report(label: str, value: str, target: str) -> None:
    print(f"  {label:<58} {value:<28} target {target}")


def run(args) -> None:
    import json

    manage("migrate", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    manage("load_seeds")
    huge_mode = "'only'" if args.huge_only else str(bool(args.huge))
    print(
        "Setting up articles "
        + (
            "(57k and 100k sentences)..."
            if args.huge_only
            else "(seeds, 2,000 x 2,000, 20,000 one-sided, 90 small)..."
        ),
        flush=True,
    )
    data = json.loads(
        django_shell(SETUP.format(password=PASSWORD, huge=huge_mode)).splitlines()[-1]
    )
    servers = Servers(args.app_servers, args.workers, args.port)
    base = f"http://127.0.0.1:{servers.ports[0]}"
    try:
        staff = Client(base)
        staff.login("bench")
        print(
            f"\n{args.app_servers} app server(s) x 2 gunicorn workers, {args.workers} task "
            f"worker(s), database {os.environ.get('DATABASE_URL', '').split(':')[0]}, cache "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'database table'}:"
        )
        if args.huge_only:
            huge(staff, data["huge"], servers)
            return
        idle_queue(servers)
        seed_load(base, data["seed"], servers)
        big_comparison(staff, data["big"])
        lonely(staff, data["lonely"])
        upload_under_load(base, staff, data["small"][:40], data["source"])
        anonymous_burst(base, data["small"][40:90])
        if args.workers:
            killed_worker(staff, servers, [data["big"][0], data["lonely"][0]])
        if args.huge:
            huge(staff, data["huge"], servers)
    finally:
        servers.stop()


QUEUED = (
    "from django_tasks_db.models import DBTaskResult; "
    "print(DBTaskResult.objects.filter(status__in=['READY', 'RUNNING']).count())"
)


def idle_queue(servers: Servers, limit: float = 900) -> None:
    """Let the task workers finish the set-up's work (sentence vectors of the long
    articles) first, so the load test measures the web servers alone."""
    started = time.perf_counter()
    while servers.workers and time.perf_counter() - started < limit:
        if django_shell(QUEUED) == "0":
            break
        time.sleep(3)
    print(f"  (background work of the set-up finished after {time.perf_counter() - started:.0f} s)")


def seed_load(base: str, url: str, servers: Servers) -> None:
    urls = [f"http://127.0.0.1:{p}{url}" for p in servers.ports]
    for u in urls:
        urllib.request.urlopen(urllib.request.Request(u, headers={"X-Forwarded-Proto": "https"}))
    totals, p99s = 0.0, []
    procs = [  # one wrk per app server, side by side
        subprocess.Popen(
            ["wrk", "-t2", "-c32", "-d15s", "--latency", "-H", "X-Forwarded-Proto: https", u],
            stdout=subprocess.PIPE,
            text=True,
        )
        for u in urls
    ]
    errors = 0
    for proc in procs:
        out = proc.communicate()[0]
        totals += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
        p99s.append(float(p99.group(1)) * scale)
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors += int(bad.group(1)) if bad else 0
    report("seed page, wrk -t2 -c32 15 s: requests/s", f"{totals:.0f}", ">= 400")
    report("seed page: p99 latency", f"{max(p99s):.1f} ms", "< 100 ms")
    report("seed page: non-2xx responses", str(errors), "0")


def big_comparison(staff: Client, ids: list[int]) -> None:
    status, url, asked = compare(staff, *ids)
    report(
        "2,000 x 2,000: the request that asks", f"{asked * 1000:.0f} ms (HTTP {status})", "< 300 ms"
    )
    seconds, state = wait_done(staff, url, 300)
    report("2,000 x 2,000: made by the worker in", f"{seconds:.1f} s ({state})", "")
    anon = Client(staff.base)
    code, render, size = first_render(anon, url)
    report(
        "2,000 x 2,000: finished page, first render",
        f"{render * 1000:.0f} ms (HTTP {code})",
        "< 300 ms",
    )
    report("2,000 x 2,000: finished page size", f"{size / 1000:.0f} KB", "< 500 KB")
    code, render, _ = first_render(anon, url)
    report("2,000 x 2,000: the same page again (cached)", f"{render * 1000:.1f} ms", "")


def lonely(staff: Client, ids: list[int]) -> None:
    status, url, _ = compare(staff, *ids)
    seconds, state = wait_done(staff, url, 600)
    report("20,000 one-sided: made by the worker in", f"{seconds:.1f} s ({state})", "")
    code, render, size = first_render(Client(staff.base), url)
    report(
        "20,000 one-sided: first render",
        f"{render * 1000:.0f} ms, {size / 1000:.0f} KB (HTTP {code})",
        "< 1 s",
    )


def upload_under_load(base: str, staff: Client, small: list[int], source: int) -> None:
    stop = threading.Event()
    outcomes: list[int] = []

    def loop(offset: int) -> None:
        client = Client(base)
        client.login("bench")
        n = offset
        while not stop.is_set() and n < len(small) * 10:
            left, right = small[n % len(small)], small[(n * 7 + 3) % len(small)]
            if left != right:
                outcomes.append(compare(client, left, right)[0])
            n += 4

    threads = [threading.Thread(target=loop, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    time.sleep(1)
    line = "The minister said talks with the delegation would continue on Thursday. "
    text = (line * (5 * 1024 * 1024 // len(line)))[: 5 * 1024 * 1024 - 4096].encode()
    staff.get("/admin/newsdiff/article/upload/")
    body, ctype = multipart(
        {"csrfmiddlewaretoken": staff.csrf(), "source": str(source), "save": "Upload"},
        {"files": ("big-report.txt", text)},
    )
    status, page, _, seconds = staff.request(
        "/admin/newsdiff/article/upload/",
        data=body,
        headers={"Content-Type": ctype, "Referer": staff.secure_base + "/admin/"},
        timeout=300,
    )
    stop.set()
    for t in threads:
        t.join(timeout=120)
    errors = sum(1 for s in outcomes if s >= 500) + (status >= 500)
    report(
        "5 MB upload during 4 creation loops: upload",
        f"HTTP {status} in {seconds:.1f} s",
        "no error",
    )
    report(f"  ... creation requests ({len(outcomes)}) with an error", str(errors), "0")


COUNT_COMPARISONS = "from newsdiff.models import Comparison; print(Comparison.objects.count())"
LIMIT = "from django.conf import settings; print(settings.NEWSDIFF_ANON_CREATE_LIMIT)"


def anonymous_burst(base: str, small: list[int]) -> None:
    count_before = int(django_shell(COUNT_COMPARISONS))
    client = Client(base, address="203.0.113.9")
    statuses = [compare(client, small[n], small[n + 1])[0] for n in range(0, 50, 2)]
    made = int(django_shell(COUNT_COMPARISONS)) - count_before
    limit = int(django_shell(LIMIT))
    report(
        f"anonymous burst of {len(statuses)} new comparisons (limit {limit}): 429s",
        f"{statuses.count(429)}, rows beyond the limit: {max(made - limit, 0)}",
        "429s beyond the limit, 0 rows",
    )


COUNT_ROWS = (
    "from newsdiff.models import Article, Sentence; "
    "print(Article.objects.count(), Sentence.objects.count())"
)


def killed_worker(staff: Client, servers: Servers, ids: list[int]) -> None:
    before = django_shell(COUNT_ROWS)
    status, url, _ = compare(staff, *ids)  # a new comparison: 2,000 x 20,001 sentences
    short = url.strip("/").split("/")[-1]
    started = time.perf_counter()
    while time.perf_counter() - started < 60:
        state = django_shell(
            "from newsdiff.models import Comparison; "
            f"print(Comparison.objects.get(short_id='{short}').status)"
        )
        if state == "running":
            break
        time.sleep(0.3)
    victims = [w for w in servers.workers if w.poll() is None]
    time.sleep(0.5)
    for w in victims:
        w.kill()  # SIGKILL: no clean-up at all
        w.wait()
    servers.start_worker()
    seconds, final = wait_done(staff, url, 300)
    after = django_shell(COUNT_ROWS)
    lost = [int(a) - int(b) for a, b in zip(before.split(), after.split(), strict=True)]
    report(
        "kill -9 of the worker mid-comparison: outcome",
        f"{final} after {seconds:.0f} s",
        "retried or failed plainly",
    )
    report("  ... articles, sentences lost", f"{max(0, -lost[0])}, {max(0, -lost[1])}", "0, 0")
    if os.environ.get("DATABASE_URL", "").startswith("sqlite"):
        check = django_shell(
            "from django.db import connection; c = connection.cursor(); "
            "c.execute('PRAGMA integrity_check'); print(c.fetchone()[0])"
        )
        report("  ... PRAGMA integrity_check", check, "ok")


def download(client: Client, path: str) -> tuple[str, int, float]:
    """GET ``path`` reading the body in pieces: status ("cut off" when the server
    stopped sending midway, as a worker killed at its timeout does), bytes, seconds."""
    req = urllib.request.Request(client.base + path, headers=client.headers)
    started, size = time.perf_counter(), 0
    try:
        with client.opener.open(req, timeout=600) as response:
            status = str(response.status)
            while piece := response.read(1 << 20):
                size += len(piece)
    except urllib.error.HTTPError as err:
        status, size = str(err.code), len(err.read())
    except http.client.IncompleteRead as err:
        status, size = f"{status}, cut off", size + len(err.partial)
    return status, size, time.perf_counter() - started


def peak_memory(pid: int) -> int:
    """A process's peak resident memory (VmHWM) in MB, 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def huge(staff: Client, ids: list[int], servers: Servers) -> None:
    status, url, asked = compare(staff, *ids)
    report("57k x 100k: the request that asks", f"{asked * 1000:.0f} ms (HTTP {status})", "no 500")
    seconds, state = wait_done(staff, url, 3000)
    report("57k x 100k: made in the background", f"{seconds:.0f} s ({state})", "finished")
    anon = Client(staff.base)
    code, render, size = first_render(anon, url)
    report(
        "57k x 100k: first render", f"{render:.1f} s, {size / 1000:.0f} KB (HTTP {code})", "no 500"
    )
    code, render, size = first_render(anon, url)
    report("57k x 100k: the same page again (cached)", f"{render * 1000:.0f} ms (HTTP {code})", "")
    short = url.strip("/").split("/")[-1]
    for ext in ("json", "csv"):
        code, size, took = download(anon, f"/c/{short}.{ext}")
        report(
            f"57k x 100k: {ext.upper()} export",
            f"HTTP {code}, {size / 1e6:.1f} MB in {took:.1f} s",
            "no 500",
        )
    apps = [w for proc in servers.procs for w in children(proc.pid)]
    report(
        "  ... peak memory of the task worker(s)",
        ", ".join(f"{peak_memory(w.pid)} MB" for w in servers.workers),
        "",
    )
    report(
        "  ... peak memory of the app workers",
        ", ".join(f"{peak_memory(pid)} MB" for pid in apps),
        "",
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--huge", action="store_true")
    parser.add_argument("--huge-only", action="store_true")
    parser.add_argument("--app-servers", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    run(parser.parse_args())
