"""Per-document limits: size and time, so one hostile document cannot stall a batch.

Size is checked where the data is: readers refuse an item over ``max_bytes``
(``too_large``, before decoding), the cleaner refuses a clean text over
``max_chars``. Time is a budget of ``max_seconds`` per document, spent by the
cleaner and by the understanding stages, and enforced twice:

* **hard** - on the main thread of a Unix process, each guarded call runs under
  an interval timer (``SIGALRM``) that raises :class:`TimeLimitExceeded` inside
  the call when the budget runs out. It stops pure-Python loops and the regular
  expression engine (which checks for signals), so a stage that never returns
  on one document still returns;
* **soft** - after each stage the pipeline adds up what the document has used
  (``Doc.timings``) and turns an over-budget document into a
  :class:`~flashpoint.records.Skip` with code ``too_slow``. This is the guard
  in threads (the HTTP server) and the back-stop when a stage swallows the
  timer's exception.

A ``max_seconds`` of 0 or less switches the time budget off.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import FlashpointError
from .records import Doc, Skip

TOO_SLOW = "too_slow"


class TimeLimitExceeded(FlashpointError):
    """A document used up its time budget (``max_seconds``)."""

    code = TOO_SLOW


class _Armed(threading.local):
    """Whether this thread's timer belongs to an open :func:`time_limit` (main thread only in practice)."""

    message: str | None = None


_armed = _Armed()


def can_interrupt() -> bool:
    """True where the hard guard works: Unix interval timers, on the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    message = _armed.message
    if message is None:  # the guarded call finished as the timer fired: nothing to stop
        return
    _armed.message = None
    raise TimeLimitExceeded(message, code=TOO_SLOW)


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed.

    A no-op when ``seconds`` is None or not positive, off the main thread, on
    systems without ``setitimer``, or when a timer is already running (an outer
    limit, or a timer the host program set: it is left alone).
    """
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0 or _armed.message is not None:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm) or signal.SIG_DFL
    _armed.message = f"{what} took more than {seconds:g} s (max_seconds)"
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        _armed.message = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def spent(doc: Doc) -> float:
    """Seconds the understanding stages have spent on this document so far."""
    return sum(seconds for _, seconds in doc.timings)


def remaining(doc: Doc, max_seconds: float | None) -> float | None:
    """What is left of the document's budget (None: no budget)."""
    if not max_seconds or max_seconds <= 0:
        return None
    return max(max_seconds - spent(doc), 0.001)


def over_budget(doc: Doc, max_seconds: float | None, stage: str) -> Skip | None:
    """A ``too_slow`` skip when the document has used more than its budget, else None."""
    if not max_seconds or max_seconds <= 0:
        return None
    used = spent(doc)
    if used <= max_seconds:
        return None
    return Skip(doc.article.doc, stage, TOO_SLOW, f"used {used:.1f} s by the end of {stage}, over max_seconds={max_seconds:g}")
