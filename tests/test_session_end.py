"""``ui.shell.session_end``: a closed session's media files are given back once its reconnect TTL
has passed and it has not come back; not before, and not for a session that reconnected."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ui.shell import session_end


class FakeMedia:
    def __init__(self) -> None:
        self.cleared: list[str] = []
        self.orphan_sweeps = 0

    def clear_session_refs(self, session_id: str) -> None:
        self.cleared.append(session_id)

    def remove_orphaned_files(self) -> None:
        self.orphan_sweeps += 1


@pytest.fixture
def fake_runtime(monkeypatch):
    rt = SimpleNamespace(media_file_mgr=FakeMedia(), active=set())
    rt.is_active_session = lambda sid: sid in rt.active
    monkeypatch.setattr(session_end.runtime, "exists", lambda: True)
    monkeypatch.setattr(session_end.runtime, "get_instance", lambda: rt)
    monkeypatch.setattr(session_end.st, "get_option", lambda name: 120)
    trims = []
    monkeypatch.setattr(session_end, "return_freed_memory_soon", lambda: trims.append(1))
    monkeypatch.setattr(session_end, "_closed", {})
    rt.trims = trims
    return rt


def test_a_closed_session_is_given_back_only_after_its_ttl(fake_runtime, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(session_end.time, "monotonic", lambda: clock[0])
    session_end.session_closed("a")
    assert session_end.pending() == 1 and fake_runtime.media_file_mgr.cleared == []
    clock[0] += 60  # within the TTL: the tab may still reconnect
    assert session_end.forget_expired() == []
    clock[0] += 61
    assert session_end.forget_expired() == ["a"]
    media = fake_runtime.media_file_mgr
    assert media.cleared == ["a"] and media.orphan_sweeps == 1 and fake_runtime.trims == [1]
    assert session_end.pending() == 0 and session_end.forget_expired() == []  # once only


def test_a_session_that_came_back_keeps_its_files(fake_runtime, monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(session_end.time, "monotonic", lambda: clock[0])
    session_end.session_closed("back")
    session_end.session_closed("gone")
    fake_runtime.active.add("back")  # it reconnected within the TTL
    clock[0] += 200
    assert session_end.forget_expired() == ["gone"]
    assert fake_runtime.media_file_mgr.cleared == ["gone"]


def test_outside_a_server_nothing_happens(monkeypatch):
    monkeypatch.setattr(session_end.runtime, "exists", lambda: False)
    monkeypatch.setattr(session_end, "_closed", {"x": 0.0})
    assert session_end.forget_expired(now=1e9) == []
