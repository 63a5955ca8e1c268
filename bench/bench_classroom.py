"""How the classroom store (ui/classroom/store.py) holds up when a whole class works at once:
30 learners enrolled in one class, one thread each, all started together, each going through 8
lessons as the app writes them (one ``apply`` per action: each task ticked, 3 quiz attempts per
lesson), with no pauses: the worst case of a class clicking at once. Then the teacher's view:
the median of 20 ``dashboard()`` calls on the full class, and of 20 whole refreshes of the
dashboard (the query, the table, the per-task counts and the CSV). One ``Store`` per backend, shared
by the threads as one app process shares it among its sessions (its pool of 15 connections).

    python bench/bench_classroom.py                                   # SQLite (a temporary file)
    python bench/bench_classroom.py --postgres postgresql+psycopg://postgres@127.0.0.1:54329/db
    eval "$(bash tools/postgres_for_tests.sh start)" && python bench/bench_classroom.py

PostgreSQL runs when ``--postgres`` or ``$VAE_LAB_TEST_POSTGRES_URL`` names one; the benchmark
works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from ui.classroom.store import Attempt, Store, Tick  # noqa: E402

# tasks per lesson, as ui.lessons.tasks.TASKS has them (not imported: that pulls in Streamlit)
TASKS_PER_LESSON = (3, 2, 2, 2, 3, 2, 2, 2)


def actions(lesson: int, tasks: int, attempts: int) -> list[list]:
    """One lesson's writes, one list of ops per action: the tasks, then the quiz, where every
    other try is wrong, so that a question takes a second try."""
    ops = [[Tick(lesson, f"task{t}")] for t in range(tasks)]
    question, seq = 0, 0
    for n in range(attempts):
        right = n % 2 == 1 or n == attempts - 1
        ops.append([Attempt(lesson, f"q{question}", seq, "abcd"[n % 4], right)])
        question, seq = (question + 1, 0) if right else (question, seq + 1)
    return ops


def hammer(store: Store, code: str, learners: int, lessons: int, attempts: int):
    """Every learner's writes at once; (latencies in s, wall s, errors)."""
    ids = [f"bench_learner_{n:03d}_" + uuid.uuid4().hex[:8] for n in range(learners)]
    for n, learner in enumerate(ids):
        store.enroll(code, learner, f"Learner {n:02d}")
    latencies: list[float] = []
    errors: list[Exception] = []
    start = threading.Barrier(learners + 1)
    lock = threading.Lock()

    def work(learner: str) -> None:
        mine = []
        start.wait()
        try:
            for lesson in range(1, lessons + 1):
                tasks = TASKS_PER_LESSON[(lesson - 1) % len(TASKS_PER_LESSON)]
                for ops in actions(lesson, tasks, attempts):
                    t0 = time.perf_counter()
                    store.apply(learner, ops)
                    mine.append(time.perf_counter() - t0)
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(e)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(learner,)) for learner in ids]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - t0, errors


def dashboard_ms(store: Store, code: str, calls: int, learners: int) -> tuple[float, float]:
    """Medians (ms) of the dashboard's query, and of one whole refresh of the teacher's view
    as its fragment does it: the query, the learners × lessons table, the per-task counts and
    the CSV (``ui.classroom.dashboard``; Streamlit draws the result)."""
    from ui.classroom.catalog import LessonInfo
    from ui.classroom.dashboard import table, task_counts
    from ui.classroom.export import to_csv

    catalog = {n + 1: LessonInfo(f"Lesson {n + 1}", tuple((f"task{t}", f"Task {t}")
                                                          for t in range(k)), 3)
               for n, k in enumerate(TASKS_PER_LESSON)}
    query, refresh = [], []
    for _ in range(calls):
        t0 = time.perf_counter()
        board = store.dashboard(code)
        t1 = time.perf_counter()
        info = store.class_info(code)
        to_csv(table(board, info, catalog))
        task_counts(board, info, catalog)
        refresh.append(time.perf_counter() - t0)
        query.append(t1 - t0)
    if len(board) != learners:
        raise RuntimeError(f"the dashboard shows {len(board)} learners, not {learners}")
    return statistics.median(query) * 1000, statistics.median(refresh) * 1000


@contextmanager
def postgres_schema(url: str):
    """A URL that sees only a new schema, dropped afterwards."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield admin.url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def run(label: str, url: str, args) -> str:
    with Store(url) as store:
        made = store.create_class("Benchmark", list(range(1, min(args.lessons, 8) + 1)))
        lat, wall, errors = hammer(store, made.code, args.learners, args.lessons, args.attempts)
        if errors:
            raise RuntimeError(f"{label}: {len(errors)} writers failed: {errors[0]!r}")
        board, refresh = dashboard_ms(store, made.code, args.dashboard_calls, args.learners)
    ms = sorted(x * 1000 for x in lat)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (f"| {label} | {len(ms):,} | {wall:.2f} s | {len(ms) / wall:,.0f} | "
            f"{statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f} | {board:.1f} | "
            f"{refresh:.1f} |")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--learners", type=int, default=30, help="learners (threads) at once")
    p.add_argument("--lessons", type=int, default=8)
    p.add_argument("--attempts", type=int, default=3, help="quiz attempts per lesson")
    p.add_argument("--dashboard-calls", type=int, default=20)
    p.add_argument("--postgres", default=os.environ.get("VAE_LAB_TEST_POSTGRES_URL"),
                   help="a PostgreSQL URL (default: $VAE_LAB_TEST_POSTGRES_URL); none: SQLite only")
    args = p.parse_args(argv)
    print(f"{os.cpu_count()} cores; {args.learners} learners × {args.lessons} lessons, one "
          f"thread each, one apply per action; dashboard: median of {args.dashboard_calls}\n")
    print("| backend | writes | wall | writes/s | p50 ms | p95 ms | max ms | dashboard query ms "
          "| dashboard refresh ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        print(run("SQLite (WAL, temp file)", f"sqlite:///{tmp}/bench.sqlite3", args), flush=True)
    if args.postgres:
        with postgres_schema(args.postgres) as url:
            print(run("PostgreSQL", url, args), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
