"""Where watchdog meets the Watcher: which events count, and two hooks into watchdog's threads.

``EventHandler`` hands every event to the watcher (and turns its own failure into a rescan, since
an exception would end watchdog's reader thread); ``OverflowLog`` listens to watchdog's log,
which is the only place a kernel queue overflow is reported.
"""

from __future__ import annotations

import errno
import logging
from typing import Any

import watchdog.events as ev

# What kb reacts to. Not opened / closed_no_write: reading a file (kb's own parser does) emits
# those, and reacting to them would re-index in a loop. Filtering here keeps them out of the
# kernel mask too.
# fmt: off
EVENTS = [ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileAttribEvent, ev.FileDeletedEvent,
          ev.FileMovedEvent, ev.FileClosedEvent, ev.DirCreatedEvent, ev.DirDeletedEvent,
          ev.DirMovedEvent]
# fmt: on
HEALTH_CHECK_S = 5.0  # how often an idle worker checks that inotify still delivers


INOTIFY_LIMITS = {  # errno -> what to tell the user
    errno.ENOSPC: "the inotify watch limit is reached (raise it: sudo sysctl "
    "fs.inotify.max_user_watches=524288)",
    errno.EMFILE: "too many inotify instances are open (raise it: sudo sysctl "
    "fs.inotify.max_user_instances=512)",
}


class EventHandler(ev.FileSystemEventHandler):
    def __init__(self, watcher: Any):
        self.w = watcher

    def on_any_event(self, event: ev.FileSystemEvent) -> None:
        try:
            self.w.on_event(event)
        except Exception as e:  # an exception here would end watchdog's thread: rescan instead
            self.w.rescan(f"could not handle a file event ({e})")


class OverflowLog(logging.Handler):
    """watchdog only logs a kernel queue overflow; hearing it is how we know to rescan."""

    def __init__(self, watcher: Any):
        super().__init__(logging.WARNING)
        self.w = watcher

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if "overflow" in msg:
            self.w.rescan("the kernel dropped file events (inotify queue overflow)")
        elif "Unable to rebuild" in msg:
            self.w.broken = True  # the worker switches to polling at its next check
