"""Fair compute for a class (issue 26): one job per session across pages, a per-client limit
on queued jobs, round-robin over clients, evaluations through the same slots, and the client's
address read from the proxy only when the proxy is ours."""

from __future__ import annotations

import pytest

from tests.support import server_like_env, wait_until
from tests.test_pages_compare import texts
from tests.test_pages_models import needs_assets
from tests.test_ui_jobs import FakeJob, queue_threads
from ui.shell import fairness, jobs
from ui.shell.fairness import Who


@pytest.fixture
def registry():
    reg = jobs.JobRegistry(limit=1, max_queue=30, poll_s=0.01, max_per_client=3)
    yield reg
    reg.stop_all()
    wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit")


def test_a_session_runs_one_job_at_a_time_whichever_page_starts_it(registry):
    me = Who(session="s1", client="10.0.0.5", kind="train")
    training = FakeJob()
    registry.submit(training, who=me)
    with pytest.raises(jobs.SessionBusy) as busy:  # the β lab, while the Train run goes on
        registry.start(FakeJob, who=Who(session="s1", client="10.0.0.5", kind="sweep"))
    assert busy.value.kind == "train"
    with pytest.raises(jobs.SessionBusy), registry.hold(Who(session="s1", kind="evaluation")):
        pass
    # a new Train run takes the place of the old one (which is still stopping)
    assert registry.submit(FakeJob(), who=me, replaces=training) == 1
    training.stop()
    registry.submit(FakeJob(), who=Who(session="s2"))  # another session is not refused


def test_a_queued_job_counts_as_the_sessions_job(registry):
    registry.submit(FakeJob(), who=Who(session="s1"))
    registry.submit(FakeJob(), who=Who(session="s2"))  # waits
    with pytest.raises(jobs.SessionBusy):
        registry.submit(FakeJob(), who=Who(session="s2"))


def test_one_client_cannot_fill_the_queue_and_a_classmate_goes_first(registry):
    hostile = [FakeJob() for _ in range(5)]
    places = []
    for i, job in enumerate(hostile[:4]):
        places.append(registry.submit(job, who=Who(session=f"h{i}", client="203.0.113.7")))
    assert places == [0, 1, 2, 3]
    with pytest.raises(jobs.ClientQueueFull) as full:
        registry.submit(hostile[4], who=Who(session="h4", client="203.0.113.7"))
    assert full.value.per_client == 3 and isinstance(full.value, jobs.QueueFull)
    classmate = FakeJob()
    assert registry.submit(classmate, who=Who(session="c", client="203.0.113.8")) == 1
    assert registry.position(hostile[1]) == (2, 4)  # moved back behind the classmate
    hostile[0].stop()
    wait_until(lambda: classmate.started, 5, "the classmate's job to start")
    assert not any(job.started for job in hostile[1:4])


def test_the_queue_serves_clients_round_robin():
    reg = jobs.JobRegistry(limit=1, max_queue=30, poll_s=0.01, max_per_client=0)
    try:
        first = FakeJob()
        reg.submit(first, who=Who(session="a0", client="A"))
        queued = [("A", 1), ("A", 2), ("A", 3), ("B", 1), ("B", 2), ("C", 1)]
        made = {}
        for client, n in queued:
            made[(client, n)] = job = FakeJob()
            reg.submit(job, who=Who(session=f"{client}{n}", client=client))
        order = []
        running = first
        for _ in queued:
            running.stop()
            wait_until(lambda: any(j.started and j.alive for j in made.values()), 5,
                       "the next job to start")
            running = next(j for j in made.values() if j.started and j.alive)
            order.append(next(k for k, j in made.items() if j is running))
        # A had a turn (running): B, C, then A's and B's second, then A's last ones
        assert order == [("B", 1), ("C", 1), ("A", 1), ("B", 2), ("A", 2), ("A", 3)]
        running.stop()
    finally:
        reg.stop_all()
        wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit")


def test_one_client_or_none_known_is_served_first_come_first_served():
    jobs_ = [FakeJob() for _ in range(4)]
    assert fairness.fair_order(jobs_, [], lambda job: fairness.NOBODY, {None: 3}) == jobs_


def test_an_evaluation_holds_a_slot_until_it_ends(registry):
    with registry.hold(Who(session="s1", kind="evaluation")) as held:
        assert registry.running() == 1
        with pytest.raises(jobs.ServerBusy):
            registry.start(FakeJob, who=Who(session="s2"))
        waiting = FakeJob()
        assert registry.submit(waiting, who=Who(session="s2")) == 1
        assert not held.stopping
    wait_until(lambda: waiting.started, 5, "the queued job to start once the slot is free")


def test_a_shutdown_asks_a_held_evaluation_to_stop(registry):
    with registry.hold(Who(session="s1", kind="evaluation")) as held:
        running, _ = registry.close()
        for job in running:
            job.stop(timeout=0)
        assert held.stopping


@pytest.mark.parametrize("headers, peer, expected", [
    ({}, "198.51.100.4", "198.51.100.4"),                   # a browser straight to the server
    ({"X-Forwarded-For": "1.2.3.4"}, "198.51.100.4", "198.51.100.4"),  # not our proxy: ignored
    ({"X-Forwarded-For": "6.6.6.6, 203.0.113.9"}, "127.0.0.1", "203.0.113.9"),  # nginx's entry
    ({"x-forwarded-for": "203.0.113.9"}, None, "203.0.113.9"),
    ({}, None, None),                                       # this machine, no proxy
    ({}, "::1", None),
])
def test_the_client_address_trusts_only_our_own_proxys_entry(headers, peer, expected):
    assert fairness.client_address(headers, peer) == expected


@pytest.mark.parametrize("raw, expected", [("", 10), ("4", 4), ("0", 0), ("-1", 10), ("x", 10)])
def test_max_queued_per_client_from_env(monkeypatch, raw, expected):
    monkeypatch.setenv(fairness.MAX_QUEUED_PER_CLIENT_ENV, raw)
    assert fairness.max_queued_per_client() == expected


# -- as a learner meets it -------------------------------------------------------------------
@pytest.mark.parametrize("lang, expected", [
    ("English", "Your training run (Train page) has not ended yet: one run at a time"),
    ("中文", "你的训练（训练页面）还没有结束：每位学习者同一时间只能运行一个任务"),
])
def test_the_beta_lab_will_not_start_while_the_sessions_training_runs(tmp_path, monkeypatch,
                                                                      lang, expected):
    from streamlit.testing.v1 import AppTest

    from tests.test_pages_compare import APP, TIMEOUT, running_sweeps
    from ui.shell import state
    from ui.shell.i18n import LANG_KEY

    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[LANG_KEY] = lang
        at.run()
        at.switch_page("pages/train.py")
        at.run()
        at.number_input(key="tr_epochs").set_value(1000).run()
        at.button(key="train_start").click().run()
        training = state.job_registry().jobs()
        assert len(training) == 1, texts(at.warning) + texts(at.error)
        try:
            at.switch_page("pages/beta_lab.py")
            at.run()
            at.button(key="cmp_start_beta").click().run()
            assert not at.exception, at.exception
            assert running_sweeps() == []
            assert expected in texts(at.warning), texts(at.warning)
        finally:
            training[0].stop(timeout=10)


@needs_assets
def test_an_evaluation_takes_a_slot_like_a_training_run(tmp_path, monkeypatch):
    """IWAE on the conv model was minutes of a core outside the slots: three tabs slowed a
    classmate's run threefold. It now takes a slot, or says why it cannot."""
    from tests.test_pages_models import open_models
    from ui.shell import state

    with server_like_env(tmp_path, monkeypatch, pretrained=True):
        at = open_models()
        at.number_input(key="models_k").set_value(2)
        at.number_input(key="models_n").set_value(8)
        registry = state.job_registry()
        others = [FakeJob() for _ in range(registry.limit)]
        for i, job in enumerate(others):  # every slot taken by other sessions
            registry.submit(job, who=Who(session=f"other{i}", client=f"10.0.0.{i}"))
        at.button(key="models_eval").click().run()
        assert not at.exception, at.exception
        assert "an evaluation takes one like a training run" in texts(at.warning)
        assert not any(m.label.startswith("IWAE") for m in at.metric)
        for job in others:
            job.stop()
        at.button(key="models_eval").click().run()
        assert any(m.label.startswith("IWAE") for m in at.metric)
        assert registry.running() == 0  # the slot is given back when it ends


def test_one_client_cannot_hold_every_slot_while_a_classmate_waits():
    reg = jobs.JobRegistry(limit=2, max_queue=30, poll_s=0.01, max_per_client=10)
    assert reg.max_running_per_client == 1  # every slot but one
    try:
        first, second = FakeJob(), FakeJob()
        assert reg.submit(first, who=Who(session="h1", client="203.0.113.7")) == 0
        assert reg.submit(second, who=Who(session="h2", client="203.0.113.7")) == 1  # waits
        assert not second.started
        with pytest.raises(jobs.ClientBusy):  # nor may its β lab take the free slot
            reg.start(FakeJob, who=Who(session="h3", client="203.0.113.7", kind="sweep"))
        classmate = FakeJob()
        assert reg.submit(classmate, who=Who(session="c", client="203.0.113.8")) == 0
        assert classmate.started and not second.started
        first.stop()
        wait_until(lambda: second.started, 5, "the client's next job once its first ended")
    finally:
        reg.stop_all()
        wait_until(lambda: not queue_threads(), 5, "the dispatcher to exit")


@pytest.mark.parametrize("raw, limit, expected", [("", 2, 1), ("", 4, 3), ("", 1, 1), ("0", 2, 0),
                                                  ("3", 2, 3), ("x", 2, 1)])
def test_max_running_per_client_from_env(monkeypatch, raw, limit, expected):
    monkeypatch.setenv(fairness.MAX_RUNNING_PER_CLIENT_ENV, raw)
    assert fairness.max_running_per_client(limit) == expected
