"""Named background threads: ``BackgroundWork`` (training jobs, sweeps, downloads) and the OS
thread name that lets ``top -H`` tell the app's work threads from the web server's pools. No
other vae_core module is imported here, so the data package can use it too."""

from __future__ import annotations

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
        self._run()

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
