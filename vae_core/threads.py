"""Named background threads: ``BackgroundWork`` (training jobs, sweeps, downloads) and the OS
thread name that lets ``top -H`` tell the app's work threads from the web server's pools. No
other vae_core module is imported here, so the data package can use it too."""

from __future__ import annotations

import contextlib
import ctypes
import sys
import threading

_PR_SET_NAME = 15


def name_os_thread(name: str) -> None:
    """Give the calling thread ``name`` in the OS as well (first 15 bytes, ASCII): ``top -H``,
    ``ps -T`` and ``/proc/<pid>/task/*/comm`` then tell the app's work threads from the web
    server's pools. Python 3.11 names threads for Python only. Linux only; best effort."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_NAME, ctypes.c_char_p(name.encode("ascii", "replace")[:15]), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def return_freed_memory() -> None:
    """Give the heap's free pages back to the OS (glibc's ``malloc_trim``). Work threads
    allocate in their own malloc arenas, and glibc keeps an arena's freed pages: measured with
    sessions on mnist-5k, 27 MB stayed resident after every job and its tensors were gone, and
    this returned all of it (bench/bench_memory.py). Elsewhere than glibc it does nothing."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # musl and others: no malloc_trim
        ctypes.CDLL(None).malloc_trim(0)


_trim_lock = threading.Lock()
_trim_timer: threading.Timer | None = None


def return_freed_memory_soon(delay_s: float = 5.0) -> None:
    """``return_freed_memory`` once, ``delay_s`` from now (calls meanwhile share it): a closing
    browser session frees its models only after its release hook has run."""
    global _trim_timer
    with _trim_lock:
        if _trim_timer is not None and _trim_timer.is_alive():
            return
        _trim_timer = threading.Timer(delay_s, return_freed_memory)
        _trim_timer.daemon = True
        _trim_timer.start()


class BackgroundWork:
    """One daemon thread running ``self._run``: start once, join, ask whether it is alive.
    Shared by ``TrainingJob`` and ``vae_core.sweeps.Sweep``. The thread is named ``name`` in
    Python and in the OS (``name_os_thread``)."""

    _thread: threading.Thread | None = None

    def _start_thread(self, name: str) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{name} already started")
        self._thread = threading.Thread(target=self._run_named, args=(name,), name=name,
                                        daemon=True)
        self._thread.start()

    def _run_named(self, name: str) -> None:
        name_os_thread(name)
        try:
            self._run()
        finally:
            return_freed_memory()

    def _run(self) -> None:
        raise NotImplementedError

    def _join_unless_inside(self, timeout: float | None) -> None:
        """Join, except from the work's own thread (a callback that stops its own job)."""
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
