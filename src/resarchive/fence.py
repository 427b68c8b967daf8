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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass
class _Slot:
    process: Any
    conn: Any
    ready: bool = False
    job: tuple[int, Path] | None = None  # index and path of the file it works on
    deadline: float = 0.0


class Fence:
    """`jobs` fenced workers running `task(path, *args)`; see the module docstring."""

    def __init__(
        self, jobs: int, task: Callable, init: Callable | None, limits: Limits | None = None
    ) -> None:
        self._ctx = _context()
        self._task, self._init, self.limits = task, init, limits or Limits()
        self._slots = [self._start() for _ in range(jobs)]

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
        over a limit or whose worker died gets a ResourceLimitError instead."""
        done: dict[int, Any] = {}
        queued = iter(enumerate(jobs))
        upcoming: tuple[int, tuple[Path, tuple]] | None = next(queued, None)
        emitted = 0
        while emitted < len(jobs):
            for slot in self._slots:  # hand out files within the window
                while (
                    slot.ready
                    and slot.job is None
                    and upcoming is not None
                    and upcoming[0] < emitted + window
                ):
                    index, (path, args) = upcoming
                    slot.conn.send((path, args))
                    slot.job, slot.deadline = (index, path), time.monotonic() + self.limits.timeout
                    upcoming = next(queued, None)
            if emitted in done:
                yield done.pop(emitted)
                emitted += 1
                continue
            self._wait(done)

    def _wait(self, done: dict[int, Any]) -> None:
        now = time.monotonic()
        waiting = [s for s in self._slots if s.job is not None or not s.ready]
        timeout = max(0.0, min(s.deadline for s in waiting) - now) if waiting else None
        by_handle = {}
        for slot in waiting:
            by_handle[slot.conn] = slot
            by_handle[slot.process.sentinel] = slot
        for handle in wait(list(by_handle), timeout):
            slot = by_handle[handle]
            if handle is slot.conn:
                try:
                    kind, value = slot.conn.recv()
                except (EOFError, OSError):
                    continue  # the worker died: its sentinel says so
                if kind == "ready":
                    slot.ready = True
                elif kind == "done" and slot.job is not None:
                    done[slot.job[0]] = value
                    slot.job = None
                elif kind == "failed":
                    raise ResarchiveError(f"a worker process could not start: {value}")
            elif not slot.process.is_alive():
                self._replace(slot, done, self._death(slot))
        now = time.monotonic()
        for slot in self._slots:
            if (slot.job is not None or not slot.ready) and now > slot.deadline:
                if slot.job is None:
                    raise ResarchiveError(
                        f"a worker process did not start within {STARTUP_TIMEOUT:g} s"
                    )
                self._replace(
                    slot,
                    done,
                    f"reading and extracting it took over {self.limits.timeout:g} s: "
                    "stopped (--timeout)",
                )

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
        """Kill a slot's worker, fail its file with `message`, start a new worker."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()
        if slot.job is None:
            raise ResarchiveError(f"a worker process could not start: {self._death(slot)}")
        index, path = slot.job
        done[index] = ResourceLimitError(message, path)
        fresh = self._start()
        slot.process, slot.conn, slot.ready, slot.job = fresh.process, fresh.conn, False, None
        slot.deadline = fresh.deadline
