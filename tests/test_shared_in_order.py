"""The ordered window that both readings of a streamed file share between a pool and the caller.

:func:`shared_in_order` must give every item once, in the items' order, whichever side did the
work, and stop its pool when done, when it fails, and when its reader stops early. A pool of
threads stands in for the processes here: the scheduling is the same, and the test stays fast.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import Any

import pytest

from evidence_claims.pipeline.parallel import shared_in_order


class Pool(ThreadPoolExecutor):
    """A thread pool that remembers how it was shut down."""

    def __init__(self) -> None:
        super().__init__(1)
        self.shutdowns: list[dict[str, Any]] = []

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shutdowns.append({"wait": wait, "cancel_futures": cancel_futures})
        super().shutdown(wait=wait, cancel_futures=cancel_futures)


def test_every_item_once_in_order_whoever_did_it() -> None:
    gate = threading.Event()

    def remote(n: int) -> tuple[str, int]:
        gate.wait(10)  # the worker is busy until the caller has read two items itself
        return ("remote", n)

    def local(n: int) -> tuple[str, int]:
        if n == 5:
            gate.set()
        return ("local", n)

    pool = Pool()
    got = list(shared_in_order(pool, 1, iter(range(12)), remote, local))
    assert [item for item, _, _ in got] == list(range(12))
    for item, value, by_worker in got:
        assert value == ("remote" if by_worker else "local", item)
    assert [item for item, _, by_worker in got if not by_worker][:2] == [4, 5]
    assert [item for item, _, by_worker in got if by_worker][:4] == [0, 1, 2, 3]
    assert pool.shutdowns == [{"wait": True, "cancel_futures": False}]


def test_a_failure_stops_the_pool() -> None:
    def remote(n: int) -> int:
        if n == 2:
            raise ValueError("item 2")
        return n

    pool = Pool()
    with pytest.raises(ValueError, match="item 2"):
        list(shared_in_order(pool, 1, iter(range(8)), remote, lambda n: n))
    assert pool.shutdowns == [{"wait": False, "cancel_futures": True}]


def test_stopping_early_stops_the_pool() -> None:
    pool = Pool()
    results = shared_in_order(pool, 1, iter(range(8)), lambda n: n, lambda n: n)
    with closing(results):
        for item, _, _ in results:
            if item == 1:
                break
    assert pool.shutdowns == [{"wait": False, "cancel_futures": True}]
