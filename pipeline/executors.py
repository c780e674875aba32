"""Where the per-document stages run: here, in a pool of processes, or on a Dask cluster.

Only the per-document stages are mapped (reading a file into its document and rows); results come
back in the order they were asked for, so reconciliation and export, which stay here, see the same
input whatever ran them, and the output is byte-identical to a serial build.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Sequence

from .errors import WorkerError

EXECUTORS = ("serial", "process", "dask")
_PR_SET_PDEATHSIG = 1


PARENT_VARIABLE = "IVIG_KB_POOL_PARENT"  # pid of the process that starts the pool's helpers


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG), so that a build
    killed with SIGKILL leaves no worker or fork server behind holding its pipes. expected_parent
    catches a parent that died before the request was made (this process then has another parent).
    Where prctl is missing (not Linux), nothing: the pool's own shutdown still runs on a normal exit."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)


def _expected_parent() -> int | None:
    value = os.environ.get(PARENT_VARIABLE, "")
    return int(value) if value.isdigit() else None


def limit_memory(mib: int) -> None:
    """Cap this process's address space: a hostile document fails with MemoryError in its worker
    instead of taking the machine down."""
    import resource

    ceiling = mib * 2**20
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft == resource.RLIM_INFINITY or soft > ceiling:
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def start_worker() -> None:
    """Every pool worker, first: it dies with its parent and reads under the memory ceiling."""
    from .limits import limits

    die_with_parent(_expected_parent())  # the fork server, which set the variable before forking
    limit_memory(limits().worker_memory_mib)


class Serial:
    def map(self, fn: Callable, items: Sequence[tuple]) -> list:
        return [fn(*item) for item in items]


class Processes:
    """A pool of worker processes on this machine. Where the platform has a fork server, workers fork
    from it after it has imported the pipeline and loaded its vocabularies (pipeline/workers.py): they
    start warm, and the build's own threads are never forked."""

    def __init__(self, workers: int, least: int = 2, beside: bool = False, idle: Callable[[], None] | None = None):
        self.workers = workers
        self.idle = idle  # what this process may do while it waits for the document read beside it
        self.least = max(least, 2)  # fewer documents to read than this are read here, without a pool
        self.beside = beside  # too few for a pool: the costliest one read in a forked process beside this one
        self.pool: ProcessPoolExecutor | None = None  # started only when there are documents to share

    def map(self, fn: Callable, items: Sequence[tuple]) -> list:
        if len(items) < self.least:  # one document (or none: all came from the cache), or too few to share
            return read_beside(fn, items, self.idle) if self.beside else Serial().map(fn, items)
        if self.pool is None:
            os.environ[PARENT_VARIABLE] = str(os.getpid())  # read by the fork server (or spawned workers)
            if "forkserver" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["pipeline.workers"])
            else:
                context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=min(self.workers, len(items)), mp_context=context,
                                            initializer=start_worker)
        try:
            return list(self.pool.map(fn, *zip(*items)))
        except BrokenProcessPool as exc:
            names = ", ".join(str(item[0]) for item in items)
            raise WorkerError(f"a worker process died while reading one of: {names} (killed, or out of "
                              "memory; --workers 1 reads them one by one and names the file)") from exc

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _cost(item: tuple) -> tuple[bool, int]:
    """How long a (name, bytes) item takes to read, roughly: a PDF (parsed by pdfminer, in Python)
    takes far longer than a text of its size; then the larger."""
    data = item[1] if len(item) > 1 and isinstance(item[1], (bytes, bytearray)) else b""
    return data[:5] == b"%PDF-", len(data)


def _single_threaded() -> bool:
    """Whether this process runs one thread only, counting the threads libraries start in C (numpy's
    BLAS, Arrow's pool), which the threading module does not see: Linux's /proc tells. Elsewhere
    (no /proc) the answer is no, and nothing is forked."""
    try:
        return len(os.listdir("/proc/self/task")) == 1 and threading.active_count() == 1 \
            and "fork" in multiprocessing.get_all_start_methods()
    except OSError:
        return False


def read_beside(fn: Callable, items: Sequence[tuple], idle: Callable[[], None] | None = None) -> list:
    """A few documents on a machine of two cores or more: the costliest read in one process forked
    from this one (it starts warm, with what this process has imported, in milliseconds), the others
    here meanwhile. Forked only while this process runs no other thread (a fork copies no thread, and a
    lock another thread held would stay held in the child): a build forks before it imports pandas or
    pyarrow, whose threads would forbid it. Else, or with one document, all are read here.
    The forked process dies with this one and reads under the memory ceiling, as a pool worker does.
    `idle` runs here once the others are read, while the forked process may still be reading."""
    if len(items) < 2 or (os.cpu_count() or 1) < 2 or not _single_threaded():
        return Serial().map(fn, items)
    costliest = max(range(len(items)), key=lambda i: _cost(items[i]))
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=start_worker)
    try:
        future = pool.submit(fn, *items[costliest])  # the process is forked here, before the pool's thread starts
        out = [None if i == costliest else fn(*item) for i, item in enumerate(items)]
        if idle is not None:
            idle()
        try:
            out[costliest] = future.result()
        except BrokenProcessPool as exc:
            raise WorkerError(f"a worker process died while reading {items[costliest][0]} (killed, or out of "
                              "memory; --workers 1 reads it here and names the fault)") from exc
        return out
    finally:
        pool.shutdown(cancel_futures=True)


class Dask:
    """A Dask cluster: the scheduler at `address`, or a local one with `workers` processes."""

    def __init__(self, address: str | None, workers: int):
        from .limits import limits

        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise WorkerError("--executor dask needs Dask: pip install .[dask]") from exc
        try:
            # a local worker past the documents' memory ceiling is restarted by its nanny (and the
            # build fails naming the files), as a pool worker is; a remote cluster sets its own limit
            self.cluster = None if address else LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                memory_limit=limits().worker_memory_mib * 2**20)
            self.client = Client(address or self.cluster)
        except (OSError, TimeoutError) as exc:
            raise WorkerError(f"cannot reach the Dask scheduler {address or '(local)'}: {exc}") from exc

    def map(self, fn: Callable, items: Sequence[tuple]) -> list:
        if not items:
            return []
        futures = self.client.map(fn, *zip(*items), pure=False)
        try:
            return self.client.gather(futures)
        except Exception as exc:  # noqa: BLE001 - a worker lost or killed (KilledWorker ...): name the files
            names = ", ".join(str(item[0]) for item in items)
            raise WorkerError(f"a Dask worker failed while reading one of: {names} "
                              f"({type(exc).__name__}: {exc})") from exc

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def default_workers() -> int:
    """Workers for a build that does not say: one per core, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


# A build that does not say how many workers (workers=0) starts a pool only for this many documents to
# read, or more. A pool costs before it reads anything: its fork server imports the pipeline and loads
# its vocabularies (about 1 s of a core) and every result is pickled back, while a document takes
# 0.1-1 s to read; with two workers a pool gains about half of each document's time, so it pays from
# about eight documents on (fewer, and the pool made the build of raw_documents/, three files, slower).
AUTO_POOL_FROM = 8


@contextlib.contextmanager
def executor(kind: str = "serial", workers: int = 1, scheduler: str | None = None,
             idle: Callable[[], None] | None = None) -> Iterator:
    """The executor a build asked for. workers=0: as many as default_workers(), a serial build of a
    few documents reading them here (AUTO_POOL_FROM), the costliest in a process forked beside (idle:
    what to do meanwhile once the others are read)."""
    if kind not in EXECUTORS:
        raise ValueError(f"unknown executor {kind!r}: one of {', '.join(EXECUTORS)}")
    auto = workers == 0
    workers = default_workers() if auto else workers
    if kind == "dask":
        ex = Dask(scheduler, max(workers, 1))
        try:
            yield ex
        finally:
            ex.close()
    elif kind == "process" or workers > 1:
        ex = Processes(max(workers, 1), AUTO_POOL_FROM if auto and kind == "serial" else 2, beside=auto and kind == "serial",
                       idle=idle)
        try:
            yield ex
        finally:
            ex.close()
    else:
        yield Serial()
