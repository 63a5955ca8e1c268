"""A browser session without the browser: Streamlit's own websocket protocol, spoken from
Python, for the load benchmark (``bench/bench_load.py --thin N``).

With 30 Chromium tabs on the server's 2 cores, the tabs (each drawing live Plotly charts every
half second) took most of the CPU the benchmark meant to measure: in a classroom the browsers
run on the students' machines. A ``ThinSession`` asks the server for exactly what a tab asks
for (the page's first run, the Start button's click, every fragment's timed rerun that the
server requests with ``auto_rerun``) and reads the answers, but draws nothing, so the server
does all the work it does for a real tab and the client almost none. It reads the texts the
server sends (alerts, markdown, progress) to tell where its run is.

Only what the benchmark needs: widgets keep their defaults (the Train page's default run), and
no file uploads or component events.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

QUEUED = re.compile(r"Queued: position (\d+) of (\d+)")
TRAINING = re.compile(r"Training: epoch \d+ of (\d+)")
FINISHED = re.compile(r"Finished (\d+) epochs")
PROGRESS = re.compile(r": epoch \d+")  # the progress bar's text, loading or training
# a Start the server refused: busy, one of the fairness rules (``ui.shell.strings.FAIR``), or
# settings past the cap on one run
REFUSED = re.compile(r"The server is busy|from your network address are already|"
                     r"has not ended yet|Cannot train with these settings")
PICKER_LABEL = "Model"  # the sidebar's model picker


@dataclass
class ThinSession:
    """One session on ``url``'s ``page``; ``run()`` until ``done`` or cancelled."""

    url: str
    epochs: int | None = None  # the Epochs field's value at Start (None: the page's default)
    page: str = "train"
    start_label: str = "Start"
    client: str | None = None  # sent as X-Forwarded-For: the address our nginx would forward
    query: str = ""            # the page's query string
    numbers: dict[str, int] = field(default_factory=dict)  # number fields set at Start, by label
    go: threading.Event | None = None  # set: press Start now (None: as soon as the page is in)
    ready: bool = False                # the page is in and Start is there to press
    page_hash: str = ""
    button_ids: dict[str, str] = field(default_factory=dict)  # label -> widget id
    number_ids: dict[str, str] = field(default_factory=dict)  # label -> widget id
    timers: dict[str, asyncio.Task] = field(default_factory=dict)  # fragment id -> its poll
    texts: list[str] = field(default_factory=list)  # this run's texts, newest last
    started_at: float | None = None
    queued: tuple[int, int] | None = None   # the last queue place seen
    ever_queued: bool = False
    max_queue: int = 0
    left_queue_s: float | None = None       # Start -> no longer queued
    training_s: float | None = None         # Start -> seen training (or finished)
    finished_s: float | None = None         # Start -> "Finished N epochs"
    picker: list[str] = field(default_factory=list)  # the model picker's options, last seen
    poll_intervals: set[float] = field(default_factory=set)  # the fragments' run_every seen
    script_runs: int = 0                    # full runs and fragment runs the server finished
    errors: list[str] = field(default_factory=list)
    refused: str | None = None              # the words of a refused Start
    _ws: object = None
    _sent_start: bool = False
    _script_running: bool = False

    async def run(self, closed: asyncio.Event) -> None:
        """Open the page, press Start, follow the run; after it finished, stay connected (an
        open tab) until ``closed`` is set."""
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"X-Forwarded-For": self.client} if self.client else None
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None,
                           compression=None, additional_headers=headers) as ws:
            self._ws = ws
            await self._rerun()
            reader = asyncio.ensure_future(self._read(ws))
            await asyncio.wait([reader, asyncio.ensure_future(closed.wait())],
                               return_when=asyncio.FIRST_COMPLETED)
            reader.cancel()
        for task in self.timers.values():
            task.cancel()

    async def _read(self, ws) -> None:
        async for raw in ws:
            self._handle(ForwardMsg.FromString(raw))

    @property
    def accepted(self) -> bool:
        """The server has answered Start: the run is queued, training, or over."""
        return self.ever_queued or self.training_s is not None or self.ended

    @property
    def ended(self) -> bool:
        return self.finished_s is not None or bool(self.errors) or self.refused is not None

    async def _rerun(self, *, fragment_id: str = "", widgets: dict[str, bool] | None = None,
                     numbers: dict[str, int] | None = None, auto: bool = False) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.page_name = self.page
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        for widget_id, value in (widgets or {}).items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            w.trigger_value = value
        for widget_id, number in (numbers or {}).items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            w.int_value = number
        await self._ws.send(msg.SerializeToString())

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            wanted = [p.page_script_hash for p in msg.navigation.app_pages
                      if p.url_pathname == self.page]
            self.page_hash = wanted[0] if wanted else self.page_hash
        elif kind == "new_session":
            self._script_running = True
            if not msg.metadata.run.fragment_ids:  # a full run: the frontend drops its timers
                for task in self.timers.values():
                    task.cancel()
                self.timers.clear()
        elif kind == "delta":
            self._read_delta(msg.delta)
        elif kind == "auto_rerun":
            fid, every = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            self.poll_intervals.add(round(every, 3))
            if fid not in self.timers:
                self.timers[fid] = asyncio.ensure_future(self._poll(fid, every))
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                task = self.timers.pop(fid, None)
                if task is not None:
                    task.cancel()
        elif kind == "script_finished":
            self._script_running = False
            self.script_runs += 1
            self._after_run()
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == \
                "script_compilation_exception":
            self.errors.append("script compilation error")

    def _read_delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(element.exception.message[:200])
            return
        body = getattr(element, kind, None)
        if kind == "button" and body is not None:
            self.button_ids[body.label] = body.id
        if kind == "number_input":
            self.number_ids[body.label] = body.id
        if kind == "selectbox" and body.label == PICKER_LABEL:
            self.picker = list(body.options)
        for attr in ("body", "text"):
            text = getattr(body, attr, None) if body is not None else None
            if isinstance(text, str) and text:
                self.texts.append(text)
        del self.texts[:-200]

    def _after_run(self) -> None:
        if not self._sent_start:
            if self.start_label in self.button_ids:
                self._sent_start, self.ready = True, True
                asyncio.ensure_future(self._press_start())
            return
        if self.started_at is not None:
            self._update_progress()

    async def _press_start(self) -> None:
        while self.go is not None and not self.go.is_set():  # a class presses together
            await asyncio.sleep(0.01)
        self.started_at = time.perf_counter()
        wanted = dict(self.numbers)
        if self.epochs is not None:
            wanted["Epochs"] = self.epochs
        numbers = {self.number_ids[label]: value for label, value in wanted.items()}
        await self._rerun(widgets={self.button_ids[self.start_label]: True}, numbers=numbers)

    def _update_progress(self) -> None:
        now = time.perf_counter() - self.started_at
        recent = " \n ".join(self.texts[-20:])
        self.texts.clear()
        refused = REFUSED.search(recent)
        if refused and self.training_s is None and not self.ever_queued:
            line = next(t for t in recent.split(" \n ") if REFUSED.search(t))
            self.refused = line[:200]
            return
        place = QUEUED.search(recent)
        if place:
            self.queued = (int(place[1]), int(place[2]))
            self.ever_queued = True
            self.max_queue = max(self.max_queue, self.queued[1])
            return
        # out of the queue once a progress bar shows (loading or training): a run that shows
        # neither (the sidebar's fragment alone, say) says nothing about the queue
        if self.ever_queued and self.left_queue_s is None and PROGRESS.search(recent):
            self.left_queue_s = now
        if self.training_s is None and (TRAINING.search(recent) or FINISHED.search(recent)):
            self.training_s = now
        if FINISHED.search(recent):
            self.finished_s = now

    async def _poll(self, fragment_id: str, every_s: float) -> None:
        while True:
            await asyncio.sleep(every_s)
            if self._script_running:  # as the browser does: no timed rerun while one runs
                continue
            await self._rerun(fragment_id=fragment_id, auto=True)


class ThinCrowd:
    """``n`` thin sessions on ``url``, run together on one asyncio loop in a thread: ``start()``,
    then ``done()`` once every run has finished (or failed, or ``timeout_s`` passed), and
    ``close()`` (every session's websocket closes, as when its tab closes)."""

    def __init__(self, url: str, n: int, *, epochs: int | None, timeout_s: float,
                 client: str | None = None, sessions: list[ThinSession] | None = None) -> None:
        self.sessions = sessions if sessions is not None else [
            ThinSession(url, epochs, client=client) for _ in range(n)]
        self.timeout_s = timeout_s
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),),
                                        name="thin-crowd", daemon=True)
        self._ready = threading.Event()
        self._t0 = 0.0

    async def _main(self) -> None:
        self._loop, self._closed = asyncio.get_running_loop(), asyncio.Event()
        self._ready.set()
        tasks = [asyncio.ensure_future(s.run(self._closed)) for s in self.sessions]
        for session, outcome in zip(self.sessions,
                                    await asyncio.gather(*tasks, return_exceptions=True)):
            if isinstance(outcome, BaseException):
                session.errors.append(repr(outcome)[:200])

    def start(self) -> ThinCrowd:
        self._t0 = time.perf_counter()
        self._thread.start()
        self._ready.wait()
        return self

    def wait_until_accepted(self, timeout_s: float) -> bool:
        """Block until every session's Start has been answered (its run queued, training or
        ended); False if ``timeout_s`` passed first."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            if all(s.accepted for s in self.sessions):
                return True
            time.sleep(0.05)
        return False

    def done(self) -> bool:
        return all(s.ended for s in self.sessions) or \
            time.perf_counter() - self._t0 > self.timeout_s

    def close(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._closed.set)
            self._thread.join(30)

    def own_model_only(self) -> int:
        """Sessions whose picker lists exactly one model of this session (all run the default
        settings, so one model each, named alike: another session's would make it two)."""
        return sum(sum(o.endswith("· this session") for o in s.picker) == 1
                   for s in self.sessions)
