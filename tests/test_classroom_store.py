"""The classroom store (ui/classroom/store.py) on SQLite and on a real PostgreSQL: migrations,
learners' progress, classes, teacher keys and their rate limit, enrolments, the dashboard, and
what happens when several threads, two Store objects (two replicas) or a lock get in the way.

The PostgreSQL cases need ``$VAE_LAB_TEST_POSTGRES_URL`` (tests/classroom_db.py)."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import make_url

from tests.classroom_db import Clock, database_url, execute, hold_lock, rows
from ui.classroom import keys
from ui.classroom import store as store_module
from ui.classroom.engine import WriteGate, masked_location
from ui.classroom.schema import LATEST, attempts, learners, metadata, schema_version, ticks
from ui.classroom.store import (
    Attempt,
    BadName,
    ClassClosed,
    DamagedDatabase,
    Fact,
    Language,
    NameTaken,
    NoSuchClass,
    Store,
    StoreUnavailable,
    Tick,
    TooManyTries,
)

ANN, BOB, CAT, DAN = ("ann_" + "a" * 16, "bob_" + "b" * 16, "cat_" + "c" * 16, "dan_" + "d" * 16)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(url):
    with Store(url) as opened:
        yield opened


# -- schema ------------------------------------------------------------------------------------

def test_an_empty_database_is_migrated_to_the_latest_version(store, url):
    assert store.schema_version == LATEST
    assert rows(url, schema_version) == [(1, LATEST)]
    engine = create_engine(url)
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table is not schema_version:
                assert conn.execute(select(table)).all() == []   # it exists, and is empty
    engine.dispose()


def test_reopening_keeps_the_data_and_the_version(store, url):
    store.apply(ANN, [Tick(1, "train")])
    with Store(url) as again:
        assert again.schema_version == LATEST
        assert again.learner(ANN).ticks == {1: frozenset({"train"})}
    assert rows(url, schema_version) == [(1, LATEST)]


def test_a_schema_newer_than_the_code_is_a_damaged_database(store, url):
    store.dispose()
    execute(url, f"UPDATE schema_version SET version = {LATEST + 1}")
    with pytest.raises(DamagedDatabase) as caught:
        Store(url)
    assert f"version {LATEST + 1}" in caught.value.reason and "newer" in caught.value.reason
    assert caught.value.location == store.location


def test_a_file_that_is_not_a_database_is_damaged_and_named(tmp_path):
    path = tmp_path / "vae_lab.sqlite3"
    path.write_bytes(b"this is a text file, not SQLite\n" * 200)
    with pytest.raises(DamagedDatabase) as caught:
        Store(f"sqlite:///{path}")
    assert caught.value.location == str(path) and str(path) in str(caught.value)
    assert "not a database" in caught.value.reason


def test_the_sqlite_folder_is_created_and_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "folder" / "vae_lab.sqlite3"
    with Store(f"sqlite:///{path}") as opened:
        assert opened.location == str(path)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_stores_opening_at_once_migrate_once(url):
    opened, failed = [], []

    def open_one():
        try:
            opened.append(Store(url))
        except Exception as e:   # noqa: BLE001 - reported below
            failed.append(e)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failed == [] and len(opened) == 4
    assert rows(url, schema_version) == [(1, LATEST)]
    for s in opened:
        s.dispose()


def test_from_env_uses_the_url_or_a_file_in_the_default_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("VAE_LAB_DATABASE_URL", raising=False)
    with Store.from_env(tmp_path / "data") as default:
        assert default.location == str(tmp_path / "data" / "vae_lab.sqlite3")
    monkeypatch.setenv("VAE_LAB_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    with Store.from_env(tmp_path / "data") as chosen:
        assert chosen.location == str(tmp_path / "elsewhere.db")


def test_passwords_are_masked_and_unreachable_servers_are_unavailable():
    url = "postgresql://teacher:s3cret@127.0.0.1:1/vae_lab"
    assert "s3cret" not in masked_location(make_url(url))
    with pytest.raises(StoreUnavailable) as caught:
        Store(url, busy_timeout_s=0.5)
    assert "s3cret" not in str(caught.value) and "127.0.0.1" in str(caught.value)
    assert caught.value.__cause__ is not None
    with pytest.raises(ValueError, match="unsupported database"):
        Store("mysql://root@localhost/x")


# -- learners ----------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["short", "x" * 65, "a" * 15 + "!", "é" * 20, "a" * 15 + " "])
def test_learner_ids_are_checked(store, bad):
    with pytest.raises(ValueError):
        store.learner(bad)
    with pytest.raises(ValueError):
        store.apply(bad, [Tick(1, "train")])


def test_a_learner_is_created_on_first_sight_with_a_continue_code(store):
    first = store.learner(ANN)
    assert (first.ticks, first.attempts, first.facts, first.lang) == ({}, {}, {}, None)
    assert len(first.code) == 8 and set(first.code) <= set(keys.ALPHABET)
    assert first.shown_code == f"{first.code[:4]}-{first.code[4:]}"
    assert store.learner(ANN).code == first.code
    assert store.learner(BOB).code != first.code


def test_progress_survives_a_restart(store, url):
    store.apply(ANN, [Tick(1, "train"), Tick(1, "map"), Tick(2, "beta"),
                      Attempt(1, "q1", 0, "b", False), Attempt(1, "q1", 1, "a", True),
                      Attempt(2, "q3", 0, "c", True), Fact("seed", 7),
                      Fact("runs", {"last": [1, 2.5, None, "β"]}), Language("zh")])
    store.dispose()
    with Store(url) as restarted:   # a new process would build a new Store
        got = restarted.learner(ANN)
    assert got.ticks == {1: frozenset({"train", "map"}), 2: frozenset({"beta"})}
    assert got.attempts == {(1, "q1"): ("b", "a"), (2, "q3"): ("c",)}
    assert got.facts == {"seed": 7, "runs": {"last": [1, 2.5, None, "β"]}}
    assert got.lang == "zh"


def test_replaying_writes_changes_nothing(store, url):
    batch = [Tick(1, "train"), Attempt(1, "q1", 0, "b", False), Attempt(1, "q1", 1, "a", True),
             Fact("seed", 7), Language("en")]
    store.apply(ANN, batch)
    before = store.learner(ANN)
    store.apply(ANN, batch)
    store.apply(ANN, batch[1:2])
    assert store.learner(ANN) == before
    assert len(rows(url, attempts)) == 2 and len(rows(url, ticks)) == 1


def test_the_latest_fact_and_language_win(store):
    store.apply(ANN, [Fact("seed", 1), Language("en")])
    store.apply(ANN, [Fact("seed", 2), Fact("seed", 3), Language("zh")])
    got = store.learner(ANN)
    assert got.facts == {"seed": 3} and got.lang == "zh"


def test_a_bad_op_leaves_none_of_its_batch(store):
    store.apply(ANN, [Tick(1, "train")])
    with pytest.raises(ValueError, match="JSON"):
        store.apply(ANN, [Tick(2, "beta"), Fact("when", object())])
    with pytest.raises(ValueError, match="language"):
        store.apply(ANN, [Tick(2, "beta"), Language("fr")])
    with pytest.raises(ValueError):
        store.apply(BOB, [Tick(2, "beta"), Attempt(1, "q", -1, "a", True)])
    assert store.learner(ANN).ticks == {1: frozenset({"train"})}
    assert store.learner_by_code(store.learner(ANN).code) == ANN
    assert [r.id for r in _all_learners(store)] == [ANN]   # BOB was never created


def _all_learners(store):
    with store.engine.connect() as conn:
        return conn.execute(select(learners.c.id)).all()


def test_a_failure_inside_the_transaction_rolls_back_the_whole_batch(store, monkeypatch):
    store.apply(ANN, [Tick(1, "train")])

    def broken(*args, **kwargs):
        raise RuntimeError("the disk filled up after the ticks and attempts were written")

    monkeypatch.setattr(store_module, "_upsert_facts", broken)
    with pytest.raises(RuntimeError):
        store.apply(ANN, [Tick(2, "beta"), Attempt(2, "q", 0, "a", True), Fact("x", 1),
                          Language("zh")])
    with pytest.raises(RuntimeError):
        store.apply(BOB, [Tick(2, "beta"), Fact("x", 1)])
    got = store.learner(ANN)
    assert (got.ticks, got.attempts, got.facts, got.lang) == \
        ({1: frozenset({"train"})}, {}, {}, None)
    assert [r.id for r in _all_learners(store)] == [ANN]


def test_continue_codes_resolve_ignoring_case_spaces_and_hyphens(store):
    code = store.learner(ANN).code
    shown = f"{code[:4]}-{code[4:]}"
    for typed in (code, shown, shown.lower(), f" {code[:4].lower()} {code[4:]} "):
        assert store.learner_by_code(typed) == ANN
    assert store.learner_by_code("ZZZZ-ZZZZ") is None
    assert store.learner_by_code("") is None


# -- classes and keys --------------------------------------------------------------------------

def test_a_class_is_created_and_found_by_its_code(store):
    made = store.create_class("  Year 10 · Maths  ", [3, 1, 1])
    assert len(made.code) == 6 and set(made.code) <= set(keys.ALPHABET)
    info = store.class_info(made.code.lower())
    assert (info.code, info.name, info.lessons, info.closed) == \
        (made.code, "Year 10 · Maths", (1, 3), False)
    assert store.class_info("ZZZZZZ") is None
    for lessons in ([], [0], [10], [True], ["1"]):
        with pytest.raises(ValueError):
            store.create_class("Maths", lessons)
    for name in ("   ", "x" * 81, "Maths\n3B"):
        with pytest.raises(BadName):
            store.create_class(name, [1])
    assert store.create_class("x" * 80, [1]).code != made.code


def test_the_teacher_key_is_checked_and_never_stored_in_clear(store, url):
    made = store.create_class("Maths", [1, 2])
    key = made.teacher_key
    assert store.check_key(made.code, key)
    assert store.check_key(made.code.lower(), key.lower().replace("-", " "))
    assert not store.check_key(made.code, "AAAA-BBBB-CCCC")
    with pytest.raises(NoSuchClass):
        store.check_key("ZZZZZZ", key)
    everything = repr([rows(url, table) for table in metadata.sorted_tables])
    assert made.code in everything
    assert key not in everything and keys.normalise_code(key) not in everything
    assert key.lower() not in everything.lower()


def test_wrong_keys_are_limited_across_replicas(url):
    clock = Clock()
    with Store(url, clock=clock) as a, Store(url, clock=clock) as b:
        made = a.create_class("Maths", [1])
        for replica in (a, b, a, b):
            assert not replica.check_key(made.code, "wrong")
            clock.advance(60)
        assert a.check_key(made.code, made.teacher_key)   # right: not counted, no reset
        assert not b.check_key(made.code, "wrong")        # the 5th wrong key, at 4 min
        for replica in (a, b):
            with pytest.raises(TooManyTries) as caught:
                replica.check_key(made.code, made.teacher_key)   # refused without checking
            assert caught.value.retry_after_s == 6 * 60      # the first one ages out at 10 min
        clock.advance(6 * 60 - 1)
        with pytest.raises(TooManyTries) as caught:
            b.check_key(made.code, made.teacher_key)
        assert caught.value.retry_after_s == 1
        clock.advance(1)
        assert b.check_key(made.code, made.teacher_key)
        assert not a.check_key(made.code, "wrong")            # five in the window again
        with pytest.raises(TooManyTries) as caught:
            a.check_key(made.code, made.teacher_key)
        assert caught.value.retry_after_s == 60               # when the second one ages out
        other = a.create_class("Physics", [2])                # counted per class
        assert b.check_key(other.code, other.teacher_key)


# -- enrolments and the dashboard --------------------------------------------------------------

def test_enrolment_rules(store):
    made = store.create_class("Maths", [1])
    assert store.enroll(made.code, ANN, "  Ann Lee ") == "Ann Lee"
    assert store.enrolment(made.code.lower(), ANN) == "Ann Lee"
    assert store.enroll(made.code, ANN, "Someone Else") == "Ann Lee"   # again: no change
    for taken in ("ann lee", " ANN LEE ", "Ａｎｎ Ｌｅｅ"):
        with pytest.raises(NameTaken):
            store.enroll(made.code, BOB, taken)
    for bad in ("", "   ", "x" * 41, "Bob\x07", "Bob\u2028Lee"):
        with pytest.raises(BadName):
            store.enroll(made.code, BOB, bad)
    assert store.enroll(made.code, BOB, "x" * 40) == "x" * 40
    assert store.enrolment(made.code, CAT) is None
    with pytest.raises(NoSuchClass):
        store.enroll("ZZZZZZ", CAT, "Cat")
    store.close_class(made.code)
    assert store.class_info(made.code).closed
    with pytest.raises(ClassClosed):
        store.enroll(made.code, CAT, "Cat")
    assert store.enroll(made.code, ANN, "Ann Lee") == "Ann Lee"   # already in: keeps the name
    with pytest.raises(NoSuchClass):
        store.close_class("ZZZZZZ")


def test_the_dashboard(store):
    made = store.create_class("Maths", [1, 3])
    other = store.create_class("Physics", [1])
    store.enroll(made.code, BOB, "bob")
    store.enroll(made.code, ANN, "Ann")
    store.enroll(made.code, CAT, "Cat")
    store.enroll(other.code, DAN, "Dan")
    store.apply(ANN, [Tick(1, "train"), Tick(2, "beta"), Tick(3, "map"),
                      Attempt(1, "q1", 0, "a", True), Attempt(1, "q2", 0, "b", False),
                      Attempt(1, "q2", 1, "c", True), Attempt(1, "q3", 1, "a", True),
                      Attempt(2, "q1", 0, "a", True), Attempt(3, "q1", 0, "b", False)])
    store.apply(BOB, [Tick(1, "train")])
    store.apply(DAN, [Tick(1, "train")])
    store.remove_learner(made.code, CAT)
    assert store.enrolment(made.code, CAT) is None
    board = store.dashboard(made.code.lower())
    assert [r.name for r in board] == ["Ann", "bob"]       # by name, case-insensitively
    ann, bob = board
    assert ann.learner_id == ANN
    assert ann.ticks == {1: frozenset({"train"}), 3: frozenset({"map"})}   # lesson 2 not in class
    # q1 right first time, q2 wrong first, q3 has no first try recorded: 1 of 3 questions
    assert ann.first_try == {1: (1, 3), 3: (0, 1)}
    assert (bob.ticks, bob.first_try) == ({1: frozenset({"train"})}, {})
    assert ann.last_active.tzinfo is not None and ann.last_active.utcoffset() == timedelta(0)
    assert abs(ann.last_active - datetime.now(UTC)) < timedelta(minutes=1)
    store.close_class(made.code)
    assert [r.name for r in store.dashboard(made.code)] == ["Ann", "bob"]
    store.remove_learner(made.code, CAT)                    # twice: nothing to do
    assert store.enroll(other.code, CAT, "Ann") == "Ann"     # names are per class
    with pytest.raises(NoSuchClass):
        store.dashboard("ZZZZZZ")
    with pytest.raises(NoSuchClass):
        store.remove_learner("ZZZZZZ", ANN)


def test_a_removed_learner_frees_the_name_and_may_join_again(store):
    made = store.create_class("Maths", [1])
    store.enroll(made.code, ANN, "Ann")
    store.remove_learner(made.code, ANN)
    assert store.enroll(made.code, BOB, "ann") == "ann"
    assert store.enroll(made.code, ANN, "Ann 2") == "Ann 2"


def test_the_dashboard_of_a_full_class_is_a_few_queries(store):
    made = store.create_class("Maths", list(range(1, 9)))
    for i in range(30):
        learner = f"learner_{i:02d}_" + "x" * 10
        store.enroll(made.code, learner, f"Learner {i}")
        store.apply(learner, [op for lesson in range(1, 9) for op in (
            Tick(lesson, "train"), Attempt(lesson, "q1", 0, "a", i % 2 == 0),
            Attempt(lesson, "q1", 1, "b", True))])
    statements = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    started = time.perf_counter()
    board = store.dashboard(made.code)
    elapsed = time.perf_counter() - started
    assert len(board) == 30 and all(len(r.ticks) == 8 for r in board)
    assert board[0].first_try == {lesson: (1, 1) for lesson in range(1, 9)}
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4
    assert elapsed < 1.0


# -- concurrency -------------------------------------------------------------------------------

def test_concurrent_writers_lose_nothing(url):
    with Store(url) as a, Store(url) as b:
        errors = []

        def write(n: int, replica: Store):
            learner = f"writer_{n:02d}_" + "w" * 10
            try:
                for lesson in range(1, 9):
                    replica.apply(learner, [Tick(lesson, "train")])
                    replica.apply(learner, [Attempt(lesson, "q1", 0, "a", False),
                                            Attempt(lesson, "q1", 1, "b", True)])
            except Exception as e:   # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=write, args=(n, (a, b)[n % 2])) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        for n in range(8):
            got = (a, b)[n % 2 - 1].learner(f"writer_{n:02d}_" + "w" * 10)
            assert got.ticks == {lesson: frozenset({"train"}) for lesson in range(1, 9)}
            assert got.attempts == {(lesson, "q1"): ("a", "b") for lesson in range(1, 9)}


def _enroll_at_once(stores, code: str, learner_ids, name: str) -> dict:
    """Each store enrolls its learner under ``name``, released together by a barrier."""
    results, start = {}, threading.Barrier(len(stores))

    def join(replica, learner):
        start.wait()
        try:
            results[learner] = replica.enroll(code, learner, name)
        except NameTaken as e:
            results[learner] = e

    threads = [threading.Thread(target=join, args=pair) for pair in zip(stores, learner_ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_the_same_name_enrolled_at_once_goes_to_one_learner(url):
    with Store(url) as a, Store(url) as b:
        made = a.create_class("Maths", [1])
        for round_ in range(4):
            name = f"Sam {round_}"
            pair = (f"first_{round_}_" + "f" * 10, f"second_{round_}_" + "s" * 10)
            results = _enroll_at_once((a, b), made.code, pair, name)
            winners = [lid for lid, got in results.items() if got == name]
            losers = [lid for lid, got in results.items() if isinstance(got, NameTaken)]
            assert len(winners) == 1 and len(losers) == 1, results
            assert a.enrolment(made.code, winners[0]) == name
            assert a.enrolment(made.code, losers[0]) is None


def test_a_locked_database_is_unavailable_until_released(url):
    with Store(url, busy_timeout_s=0.2) as opened:
        opened.apply(ANN, [Tick(1, "train")])
        release = hold_lock(url)
        try:
            started = time.perf_counter()
            with pytest.raises(StoreUnavailable) as caught:
                opened.apply(ANN, [Tick(2, "beta")])
            waited = time.perf_counter() - started
        finally:
            release()
        assert 0.15 < waited < 3
        assert caught.value.__cause__ is not None and caught.value.location == opened.location
        opened.apply(ANN, [Tick(2, "beta")])    # the caller's retry lands
        assert opened.learner(ANN).ticks == {1: frozenset({"train"}), 2: frozenset({"beta"})}


def test_time_columns_come_back_in_utc(store):
    store.apply(ANN, [Tick(1, "train")])
    made = store.create_class("Maths", [1])
    store.enroll(made.code, ANN, "Ann")
    when = store.dashboard(made.code)[0].last_active
    assert when.tzinfo == UTC
    with store.engine.begin() as conn:   # a stored value is read back as the same instant
        fixed = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
        conn.execute(update(learners).values(last_active=fixed))
    assert store.dashboard(made.code)[0].last_active == fixed


def test_unknown_ops_are_refused(store):
    with pytest.raises(TypeError):
        store.apply(ANN, ["tick"])


def test_this_process_queues_its_sqlite_writers_in_turn_and_not_forever(tmp_path):
    gate, order = WriteGate(), []
    assert gate.acquire(1)

    def writer(n: int) -> None:
        assert gate.acquire(5)
        order.append(n)
        gate.release()

    threads = []
    for n in range(5):   # each starts once the one before it is queued
        threads.append(threading.Thread(target=writer, args=(n,)))
        threads[-1].start()
        while len(gate._queue) < n + 1:
            time.sleep(0.001)
    gate.release()
    for t in threads:
        t.join()
    assert order == [0, 1, 2, 3, 4]
    with Store(f"sqlite:///{tmp_path / 'db.sqlite3'}", busy_timeout_s=0.2) as opened:
        assert opened._gate.acquire(1)   # another thread of this process is writing
        try:
            with pytest.raises(StoreUnavailable, match="locked"):
                opened.apply(ANN, [Tick(1, "train")])
        finally:
            opened._gate.release()
        opened.apply(ANN, [Tick(1, "train")])
        assert opened.learner(ANN).ticks == {1: frozenset({"train"})}


def test_the_benchmark_runs_on_a_small_class(capsys):
    """``bench/bench_classroom.py`` end to end on 3 learners (its numbers are not checked)."""
    from bench import bench_classroom

    assert bench_classroom.main(["--learners", "3", "--lessons", "2", "--dashboard-calls", "2",
                                 "--postgres", ""]) == 0
    out = capsys.readouterr().out
    assert "| SQLite (WAL, temp file) | 3" in out and "dashboard refresh ms" in out
