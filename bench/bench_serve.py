"""Load on ``chainrule serve``: simulated students for a fixed time, and what they saw.

The server is started on loopback as a learner would start it (``chainrule serve``); each
student is a thread with a connection of its own, from an address of its own (127.0.0.N, so the
server's per-client limit sees them as the class it would be), asking for a page, reading it
for a moment (the think time, 1 to 3 s), and asking again. The mix is what a class does —
explain, check, practice, the network's sliders, a lesson, the JSON API — with some hostile
requests among them: a formula past the length limit, brackets nested past the parser's depth,
a tower of powers, an injected script, a body past the size limit, and a check of a product of
109 factors that takes longer than the time limit (it must be stopped, and must not hold up
anyone else).

Printed for each class size: requests, throughput, p50/p95/p99 latency of all requests and of
the well-meant ones alone, errors (a well-meant request that did not get its page, or any
request that got no answer or a 500), and how many took longer than the time limit + 1 s.
Public tools only: the standard library's ``http.client`` and threads. Not a test: the figures
depend on the machine.

    python bench/bench_serve.py                    # 30 and 100 students, 60 s each
    python bench/bench_serve.py --students 30 --seconds 20 --workers 4
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass

FORMULAS = [
    "log(2+cos(x))",
    "sin(x^2)",
    "x^2 sin(x)",
    "e^(3x) cos(x)",
    "sqrt(1-x^2)",
    "(1+x^2)^6",
    "x/(1+x^2)",
    "tan(3x+1)",
    "log(sin(x^2))",
    "sigmoid(w*x+b)",
    "x^x",
    "cos(sqrt(1-x^2))",
]
WORKING = [
    ("log(2+cos(x))", "1/(2+cos x)*(-sin x)\n= 1/(2+cos x)"),
    ("log(2+cos(x))", "-sin(x)/(2+cos(x))"),
    ("sin(x^2)", "cos(x^2)"),
    ("x^2 sin(x)", "2x cos(x)"),
    ("(1+x^2)^6", "6(1+x^2)^5 2x"),
]
SLOW = "*".join(f"sin({i}x)" for i in range(1, 110))  # check takes about 8 s on one core


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    body: bytes = b""
    hostile: bool = False

    @property
    def expected(self) -> tuple[int, ...]:
        """The statuses that are the right answer: a page, or a refusal for a hostile one."""
        if not self.hostile:
            return (200,)
        return (200, 400, 413, 414, 429, 503)


def _query(path: str, **query) -> str:
    return path + "?" + urllib.parse.urlencode(query)


def _form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def pick(rng: random.Random) -> Request:
    """One request of the class's mix."""
    roll = rng.random()
    if roll < 0.28:
        return Request("explain", "GET", _query("/explain", f=rng.choice(FORMULAS)))
    if roll < 0.45:
        f, working = rng.choice(WORKING)
        return Request("check", "POST", "/check", _form(f=f, working=working))
    if roll < 0.60:
        level, seed = rng.randint(1, 5), rng.randint(0, 50)
        path = f"/practice?level={level}&seed={seed}"
        if rng.random() < 0.5:
            return Request("practice", "GET", path)
        body = _form(level=level, seed=seed, action="answer", answer="cos(x)")
        return Request("practice", "POST", path, body)
    if roll < 0.80:
        point = {n: f"{rng.uniform(-2, 2):.2f}" for n in ("w1", "b1", "w2", "b2")}
        return Request("network", "GET", _query("/network/numbers", x="0.5", y="1", **point))
    if roll < 0.85:
        return Request("lesson", "GET", f"/lessons/{rng.choice([1, 2, 3])}?s={rng.randint(0, 3)}")
    if roll < 0.94:
        return Request("api", "GET", _query("/api/explain", f=rng.choice(FORMULAS)))
    return hostile(rng)


def hostile(rng: random.Random) -> Request:
    kind = rng.randrange(6)
    if kind == 0:
        return Request("hostile", "GET", _query("/explain", f="x+" * 800 + "x"), hostile=True)
    if kind == 1:
        f = "sin(" * 80 + "x" + ")" * 80
        return Request("hostile", "GET", _query("/api/explain", f=f), hostile=True)
    if kind == 2:
        return Request("hostile", "GET", _query("/explain", f="x^(9^9^9^9)"), hostile=True)
    if kind == 3:
        f = '<script>alert("x")</script>'
        return Request("hostile", "POST", "/check", _form(f=f, working=f), hostile=True)
    if kind == 4:
        return Request("hostile", "POST", "/check", b"f=" + b"x" * 40_000, hostile=True)
    return Request("slow", "POST", "/check", _form(f=SLOW, working="cos(x)"), hostile=True)


@dataclass
class Seen:
    kind: str
    hostile: bool
    seconds: float
    status: int  # 0: no answer at all
    ok: bool


def student(number: int, port: int, until: float, seen: list, lock, seed: int) -> None:
    rng = random.Random(seed * 1000 + number)
    # An address of its own, as each laptop in a classroom has.
    source = (f"127.0.{number // 250}.{number % 250 + 2}", 0)
    time.sleep(rng.uniform(0, 2))  # the class does not all press Enter at once
    conn = None
    while time.monotonic() < until:
        request = pick(rng)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
        start = time.monotonic()
        try:
            headers = {"content-type": "application/x-www-form-urlencoded"} if request.body else {}
            conn.request(request.method, request.path, body=request.body or None, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = None
        took = time.monotonic() - start
        with lock:
            seen.append(
                Seen(request.kind, request.hostile, took, status, status in request.expected)
            )
        time.sleep(rng.uniform(1.0, 3.0))  # reading the page
    if conn is not None:
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int | None, limit: float) -> subprocess.Popen:
    args = [
        sys.executable,
        "-m",
        "chainrule",
        "serve",
        "--port",
        str(port),
        "--timeout",
        str(limit),
    ]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/explain?f=x")  # the workers are up
            conn.getresponse().read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(process.stderr.read().decode()) from None
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run(students: int, seconds: float, port: int, limit: float, seed: int) -> dict:
    seen: list[Seen] = []
    lock = threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=student, args=(i, port, until, seen, lock, seed), daemon=True)
        for i in range(students)
    ]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    everything = [s.seconds for s in seen]
    meant = [s.seconds for s in seen if not s.hostile]
    errors = [s for s in seen if not s.ok or s.status in (0, 500)]
    return {
        "students": students,
        "requests": len(seen),
        "throughput": len(seen) / elapsed,
        "p50": _pct(everything, 50),
        "p95": _pct(everything, 95),
        "p99": _pct(everything, 99),
        "meant_p95": _pct(meant, 95),
        "meant_p99": _pct(meant, 99),
        "hostile": sum(s.hostile for s in seen),
        "slow_stopped": sum(s.kind == "slow" and s.status == 503 for s in seen),
        "errors": len(errors),
        "error_kinds": sorted({(e.kind, e.status) for e in errors}),
        "over_limit": sum(s.seconds > limit + 1 for s in seen),
        "max": max(everything, default=float("nan")),
        "median_by_kind": {
            k: statistics.median([s.seconds for s in seen if s.kind == k])
            for k in sorted({s.kind for s in seen})
        },
    }


def show(r: dict, limit: float) -> None:
    print(
        f"{r['students']:>3} students: {r['requests']} requests, {r['throughput']:.1f}/s; "
        f"latency p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, "
        f"p99 {r['p99'] * 1000:.0f} ms (well-meant alone: p95 {r['meant_p95'] * 1000:.0f} ms, "
        f"p99 {r['meant_p99'] * 1000:.0f} ms); max {r['max']:.2f} s"
    )
    print(
        f"     {r['hostile']} hostile ({r['slow_stopped']} slow ones stopped at the limit); "
        f"errors {r['errors']} {r['error_kinds'] or ''}; "
        f"past the limit + 1 s ({limit + 1:g} s): {r['over_limit']}"
    )
    kinds = ", ".join(f"{k} {v * 1000:.0f}" for k, v in r["median_by_kind"].items())
    print(f"     median ms by kind: {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="*", default=[30, 100])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's limit")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    port = _free_port()
    server = start_server(port, args.workers, args.timeout)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"chainrule serve on 127.0.0.1:{port}, workers {args.workers or 'default'}, "
        f"limit {args.timeout:g} s, {cores} cores; {args.seconds:g} s per class, "
        "think time 1-3 s"
    )
    try:
        for n in args.students:
            show(run(n, args.seconds, port, args.timeout, args.seed), args.timeout)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
