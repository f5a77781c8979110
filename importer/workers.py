"""Worker processes and time budgets: the generic machinery the pipeline runs its stages on."""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def workers_map(fn: Callable, args: list[tuple], tags: list, workers: int | None = None, *,
                fanout: tuple[Callable, Callable, Callable] | None = None):
    """Yield (tag, fn(*arg)) in order. With more than one chunk and more than one core, the calls
    run in spawned worker processes (each loads the language models once), at most two per
    worker in flight; otherwise here.

    With a `fanout` (first, piece, finish), `fn` is run in steps so that the heavy part of
    one call spreads over every worker: `first(*arg)` gives a state kept here and the arguments
    of independent pieces, the pieces run wherever a worker is free, and `finish(state, results)`
    gives what `fn(*arg)` returns. (Three chunks on two workers otherwise leave one worker idle
    for a whole chunk at the end.) The bound is the same: at most two tasks per worker in flight
    and two calls per worker open."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(args) <= 1:
        for tag, arg in zip(tags, args, strict=True):
            yield tag, fn(*arg)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        if fanout is not None:
            yield from _fanout_map(pool, fanout, args, tags, 2 * workers)
            return
        pending: deque = deque()
        items = iter(zip(tags, args, strict=True))
        for tag, arg in items:
            pending.append((tag, pool.submit(fn, *arg)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            tag, future = pending.popleft()
            yield tag, future.result()
            for tag2, arg2 in items:
                pending.append((tag2, pool.submit(fn, *arg2)))
                break


@dataclass
class _Call:
    tag: object
    first: object                                   # the future of the first step
    state: object = None
    todo: deque = field(default_factory=deque)      # pieces not submitted yet
    pieces: list = field(default_factory=list)      # futures of the submitted pieces
    ready: bool = False                             # the first step is done


def _fanout_map(pool, fanout: tuple[Callable, Callable, Callable], args: list[tuple], tags: list, limit: int):
    """workers_map for a function with a fanout: at most `limit` tasks in flight and `limit` calls
    open (their states held here), the pieces of the oldest calls first, results in order. An
    error is raised when its call's turn comes, as if the calls ran one after the other."""
    from concurrent.futures import FIRST_COMPLETED, wait

    first, piece, finish = fanout
    items = iter(zip(tags, args, strict=True))
    calls: deque[_Call] = deque()
    opening: dict = {}   # first-step future -> its call
    in_flight: set = set()

    def top_up() -> None:
        while len(in_flight) < limit:
            call = next((c for c in calls if c.todo), None)
            if call is not None:
                future = pool.submit(piece, *call.todo.popleft())
                call.pieces.append(future)
                in_flight.add(future)
                continue
            if len(calls) >= limit or (item := next(items, None)) is None:
                return
            call = _Call(item[0], pool.submit(first, *item[1]))
            calls.append(call)
            opening[call.first] = call
            in_flight.add(call.first)

    while True:
        top_up()
        while calls and calls[0].ready and not calls[0].todo and all(f.done() for f in calls[0].pieces):
            call = calls.popleft()
            # its pieces may have finished since the last wait(): they are no longer in flight (left
            # in, they would keep new calls from opening and end the loop with items still to do)
            in_flight.difference_update(call.pieces)
            call.first.result()  # the first step's error, if any, now that it is this call's turn
            yield call.tag, finish(call.state, [f.result() for f in call.pieces])
            top_up()
        if not calls:
            return
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        in_flight.difference_update(done)
        for future in done:
            call = opening.pop(future, None)
            if call is not None:
                if future.exception() is None:
                    call.state, todo = future.result()
                    call.todo.extend(todo)
                call.ready = True


DOCUMENT_BUDGET_S = 120  # one document's extraction; a page that takes longer is rejected, not waited for


class DocumentTooSlow(Exception):
    pass


@contextmanager
def time_budget(seconds: float):
    """Interrupt the block after `seconds` (SIGALRM; only in a process's main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise DocumentTooSlow(f"took longer than {seconds:g} s to analyse")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
