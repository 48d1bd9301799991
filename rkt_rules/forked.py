"""Sharing a batch with forked helpers.

This process forks ``jobs - 1`` helpers and works beside them: every process
takes the next chunk of file numbers from one pipe (so a slow file never holds
up the rest), and the helpers send their results back once, at the end.
Nothing is sent out but chunk numbers. Helpers inherit everything already
built (the engine, caches) by fork; a failing helper is reported, and none is
ever left behind.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import sys
from typing import Callable

from .errors import HelperError, RktError

CHUNK = struct.Struct("=I")  # a chunk number in the work pipe: reads of 4 bytes from a pipe never interleave
MAX_CHUNKS = 2048  # 8 KB of chunk numbers: fits any system's pipe buffer, so filling it never blocks


def check_with_helpers(files: list[str], jobs: int, progress, check_one: Callable[[str], tuple]):
    """``check_one`` each of ``files`` here and in ``jobs - 1`` forked helpers; yield results in file order."""
    size = max(1, -(-len(files) // min(jobs * 64, MAX_CHUNKS)))
    chunks = -(-len(files) // size)
    work_out, work_in = os.pipe()
    queue = memoryview(b"".join(CHUNK.pack(n) for n in range(chunks)))
    while queue:
        queue = queue[os.write(work_in, queue):]
    os.close(work_in)  # a drained pipe with no writer reads as end of file: no more work
    # Helpers report each file done with a byte, for the counter on a terminal; never blocking on it.
    ticks_out, ticks_in = os.pipe() if progress.shown else (None, None)
    gc.freeze()  # what is alive now lives on: not scanned again, and not copied into helpers by the collector
    helpers = []
    try:
        for _ in range(jobs - 1):
            result_out, result_in = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # out of processes or memory: the helpers there are (or this process alone) do the rest
                os.close(result_out)
                os.close(result_in)
                break
            if pid == 0:  # a helper: work, send everything back once, leave without running the parent's exit code
                status = 0
                try:
                    os.close(result_out)
                    if ticks_in is not None:
                        os.set_blocking(ticks_in, False)
                    done = {}
                    for index in _claimed(work_out, size, len(files)):
                        done[index] = check_one(files[index])
                        if ticks_in is not None:
                            try:
                                os.write(ticks_in, b".")
                            except BlockingIOError:
                                pass  # a full pipe only loses a tick of the counter
                    with os.fdopen(result_in, "wb") as stream:
                        pickle.dump(done, stream, protocol=pickle.HIGHEST_PROTOCOL)
                except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent says "interrupted"
                    status = 130
                except BaseException:  # a bug: the parent reports it and its traceback
                    import traceback

                    status = 70
                    sys.stderr.write(traceback.format_exc())
                finally:
                    os._exit(status)
            os.close(result_in)
            helpers.append((pid, result_out))
        if ticks_in is not None and ticks_out is not None:
            os.close(ticks_in)
            os.set_blocking(ticks_out, False)
        results: dict[int, tuple] = {}
        for index in _claimed(work_out, size, len(files)):
            results[index] = check_one(files[index])
            progress.step(1 + _ticks(ticks_out))
        for pid, result_out in helpers:
            with os.fdopen(result_out, "rb") as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
            helpers = [(p, r) for p, r in helpers if p != pid]
            if status != 0 or not data:
                raise HelperError("helper-stopped", how=_how(status))
            results.update(pickle.loads(data))
        progress.step(len(files))  # whatever ticks were lost: all are done
    finally:
        gc.unfreeze()
        os.close(work_out)
        if ticks_out is not None:
            os.close(ticks_out)
        for pid, result_out in helpers:  # interrupted or failed: leave no helper behind
            try:
                os.close(result_out)
                os.kill(pid, 15)
                os.waitpid(pid, 0)
            except OSError:
                pass
    for index in range(len(files)):
        yield results[index]


def _how(status: int) -> RktError:
    """How a helper stopped, as a message of the catalog (rendered in the error's language)."""
    if os.WIFSIGNALED(status):
        return RktError("helper-signal", signal=os.WTERMSIG(status))
    code = os.WEXITSTATUS(status)
    return RktError("helper-interrupted") if code == 130 else RktError("helper-status", status=code)  # 70: a bug, whose traceback the helper printed


def _ticks(ticks_out: int | None) -> int:
    """Files the helpers have finished since last asked (0 when no counter is shown)."""
    if ticks_out is None:
        return 0
    try:
        return len(os.read(ticks_out, 1 << 16))
    except BlockingIOError:
        return 0


def _claimed(work_out: int, size: int, total: int):
    """File numbers of the chunks this process takes from the work pipe, until it is empty."""
    while True:
        data = os.read(work_out, CHUNK.size)
        if not data:
            return
        start = CHUNK.unpack(data)[0] * size
        yield from range(start, min(start + size, total))
