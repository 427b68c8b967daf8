"""Every file in its own fence: reading and extraction run in worker processes that can
be bounded and killed, one file at a time each.

A worker sets RLIMIT_AS (address space: the memory bound) on itself, loads the models,
then takes one file after another. The parent gives each file a wall-clock deadline;
a worker past it is killed (SIGKILL: nothing inside a C library can hold it up) and
replaced, and only its file fails. A worker that dies (a reader library aborting on a
failed allocation, a segfault, the kernel's OOM killer) fails only its own file too.
A Python MemoryError inside the limit is caught in the worker and reported the same way.

Workers are forked by a forkserver that has imported the extractor and loaded the NLP
models once (`_preload`): a replacement worker starts warm, and a parent that runs
threads (rich's progress bar) never forks itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from .errors import ExtractionFailedError, ResarchiveError, ResourceLimitError

DEFAULT_TIMEOUT = 60.0  # seconds of wall-clock time for one file, reading and extraction
DEFAULT_MEMORY = 1024**3  # bytes of address space for a worker (the models take ~0.4 GB)
STARTUP_TIMEOUT = 300.0  # seconds for a worker to import and load the models


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY


def _size(n: int) -> str:
    from .read import format_size

    return format_size(n)


# ---------------------------------------------------------------- the worker side


def _limit_memory(memory: int) -> None:
    import resource

    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # a platform without RLIMIT_AS: the deadline still holds
        pass


def _worker(conn, task: Callable, init: Callable | None, memory: int) -> None:
    """Run `task(*args)` for each message until None comes; send back its outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(memory)
    try:
        if init is not None:
            init()
    except BaseException as exc:  # reported to the parent, which stops the batch
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        path, args = message
        try:
            outcome = task(*args)
        except MemoryError:
            outcome = ResourceLimitError(
                f"reading it needed more than the {_size(memory)} memory limit: stopped", path
            )
        except Exception as exc:
            outcome = ExtractionFailedError(
                f"unexpected error while reading or extracting: {type(exc).__name__}: {exc}",
                path,
                traceback.format_exc(),
            )
        try:
            conn.send(("done", outcome))
        except MemoryError:
            conn.send(("done", ResourceLimitError("its result was too large to send", path)))


# ---------------------------------------------------------------- the parent side


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["resarchive._preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def prestart() -> None:
    """Start the forkserver now: it imports the extractor and loads the models (about a
    second) while the caller does its own start-up, instead of after it. Workers started
    later fork from it; without forkserver (spawn) this does nothing."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


# Files handed to a worker at once: the one it works on and the next, waiting in its pipe.
# A worker that finishes then starts the next file at once instead of waiting for the
# parent, which may be busy storing a record (fsync): measured on the ingest benchmark
# (200 .txt, `--jobs 2`), each worker waited 0.25 s in all between files with one file
# at a time, and the batch took 9.5 s.
DEPTH = 2


@dataclass
class _Slot:
    process: Any
    conn: Any
    ready: bool = False
    # Index and path of each file handed to it, in order: the first is the one it works
    # on (its deadline runs), the others wait in its pipe.
    jobs: deque[tuple[int, Path, tuple]] = field(default_factory=deque)
    deadline: float = 0.0


class Fence:
    """`jobs` fenced workers running `task(path, *args)`; see the module docstring."""

    def __init__(
        self, jobs: int, task: Callable, init: Callable | None, limits: Limits | None = None
    ) -> None:
        self._ctx = _context()
        self._task, self._init, self.limits = task, init, limits or Limits()
        self._slots = [self._start() for _ in range(jobs)]
        # Files not handed out yet, by index; a file waiting in a killed worker's pipe
        # comes back here.
        self._pending: deque[tuple[int, Path, tuple]] = deque()

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker, args=(child, self._task, self._init, self.limits.memory), daemon=True
        )
        process.start()
        child.close()
        return _Slot(process, parent, deadline=time.monotonic() + STARTUP_TIMEOUT)

    def close(self) -> None:
        for slot in self._slots:
            if slot.process.is_alive():
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
        for slot in self._slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()

    def __enter__(self) -> Fence:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, jobs: list[tuple[Path, tuple]], window: int) -> Iterator[Any]:
        """Outcomes of `task(*args)` for each (path, args), in order; a file that went
        over a limit or whose worker died gets a ResourceLimitError instead. At most
        `window` files past the last one yielded are handed out (memory stays flat)."""
        done: dict[int, Any] = {}
        self._pending = deque((i, path, args) for i, (path, args) in enumerate(jobs))
        emitted = 0
        while emitted < len(jobs):
            self._hand_out(emitted + window)
            if emitted in done:
                yield done.pop(emitted)
                emitted += 1
                continue
            self._wait(done)

    def _hand_out(self, below: int) -> None:
        """Give each ready worker a file, then a next one while files are left for every
        worker (the last few go to whichever worker is free first); only files with an
        index below `below`."""
        for depth in range(1, DEPTH + 1):
            for slot in self._slots:
                if depth > 1 and len(self._pending) < len(self._slots):
                    return
                if (
                    slot.ready
                    and len(slot.jobs) < depth
                    and self._pending
                    and self._pending[0][0] < below
                ):
                    index, path, args = job = self._pending.popleft()
                    slot.conn.send((path, args))
                    if not slot.jobs:
                        slot.deadline = time.monotonic() + self.limits.timeout
                    slot.jobs.append(job)

    def _wait(self, done: dict[int, Any]) -> None:
        now = time.monotonic()
        waiting = [s for s in self._slots if s.jobs or not s.ready]
        timeout = max(0.0, min(s.deadline for s in waiting) - now) if waiting else None
        by_handle = {}
        for slot in waiting:
            by_handle[slot.conn] = slot
            by_handle[slot.process.sentinel] = slot
        dead = []
        for handle in wait(list(by_handle), timeout):
            slot = by_handle[handle]
            if handle is slot.conn:
                self._receive(slot, done)
            elif not slot.process.is_alive():
                dead.append(slot)
        for slot in dead:
            # What it sent before it died is still in the pipe: those files are done.
            while slot.jobs and slot.conn.poll() and self._receive(slot, done):
                pass
            self._replace(slot, done, self._death(slot))
        now = time.monotonic()
        for slot in self._slots:
            if (slot.jobs or not slot.ready) and now > slot.deadline:
                if not slot.jobs:
                    raise ResarchiveError(
                        f"a worker process did not start within {STARTUP_TIMEOUT:g} s"
                    )
                self._replace(
                    slot,
                    done,
                    f"reading and extracting it took over {self.limits.timeout:g} s: "
                    "stopped (--timeout)",
                )

    def _receive(self, slot: _Slot, done: dict[int, Any]) -> bool:
        """Take one message from a worker; False when there was none (it died)."""
        try:
            kind, value = slot.conn.recv()
        except (EOFError, OSError):
            return False  # the worker died: its sentinel says so
        if kind == "ready":
            slot.ready = True
        elif kind == "done" and slot.jobs:
            done[slot.jobs.popleft()[0]] = value
            # The next file waiting in its pipe starts now.
            slot.deadline = time.monotonic() + self.limits.timeout
        elif kind == "failed":
            raise ResarchiveError(f"a worker process could not start: {value}")
        return True

    def _death(self, slot: _Slot) -> str:
        code = slot.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with status {code}"
        return (
            f"the process reading it {how}: over the {_size(self.limits.memory)} memory "
            "limit, or a reader library crashed on it"
        )

    def _replace(self, slot: _Slot, done: dict[int, Any], message: str) -> None:
        """Kill a slot's worker, fail the file it worked on with `message`, give the files
        waiting in its pipe back, start a new worker."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()
        if not slot.jobs:
            raise ResarchiveError(f"a worker process could not start: {self._death(slot)}")
        index, path, _ = slot.jobs.popleft()
        done[index] = ResourceLimitError(message, path)
        self._pending.extendleft(reversed(slot.jobs))
        fresh = self._start()
        slot.process, slot.conn, slot.ready, slot.jobs = fresh.process, fresh.conn, False, deque()
        slot.deadline = fresh.deadline
