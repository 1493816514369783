"""The `kb` command line: its arguments, and the small pure readings of them the commands share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from kb.records import KINDS, Filters


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kb", description="A private knowledge base on your machine.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ix = sub.add_parser("index", help="sync files/folders into the index")
    ix.add_argument("paths", nargs="*", type=Path, help="files or folders (default: KB_WATCH)")
    ix.add_argument("--json", action="store_true", help="print the report as JSON")

    wa = sub.add_parser("watch", help="sync, then keep the index in step until interrupted")
    wa.add_argument("paths", nargs="*", type=Path, help="folders (default: KB_WATCH)")
    wa.add_argument("--poll", action="store_true", help="poll instead of inotify (network mounts)")

    se = sub.add_parser("search", help="ranked passages for a query ('-': one per stdin line)")
    se.add_argument("query")
    se.add_argument("-k", type=int, default=10, help="how many passages (default 10)")
    se.add_argument("--json", action="store_true")
    filter_args(se)

    ak = sub.add_parser("ask", help="an answer with citations ('-': one question per stdin line)")
    ak.add_argument("question")
    ak.add_argument("--json", action="store_true")
    ak.add_argument(
        "--chat", metavar="NAME", help="the next turn of conversation NAME (created if new)"
    )
    filter_args(ak)

    ui = sub.add_parser("ui", help="the app on http://127.0.0.1:8501 with the watcher running")
    ui.add_argument("paths", nargs="*", type=Path, help="folders (default: KB_WATCH)")
    ui.add_argument("--port", type=int, default=8501)
    ui.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    ui.add_argument(
        "--print-url",
        action="store_true",
        help="print the address of the running app (its access token included)",
    )
    ui.add_argument(
        "--no-token",
        action="store_true",
        help="no access token: any local program, and any other user of this "
        "computer, can use the app (see README § Security); refused with --host",
    )
    ui.add_argument(
        "--host",
        metavar="ADDRESS",
        help="serve other devices too, over TLS and with the token: 0.0.0.0, :: or one of "
        "this machine's IP addresses (default: 127.0.0.1 only)",
    )
    ui.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a name other devices reach this machine by, e.g. kb.home.lan (repeatable; "
        "the first one is printed)",
    )
    ui.add_argument(
        "--tls-cert",
        type=Path,
        metavar="FILE",
        help="your PEM certificate (without one, --host makes one once in KB_HOME/tls "
        "and prints its fingerprint)",
    )
    ui.add_argument("--tls-key", type=Path, metavar="FILE", help="the certificate's PEM key")

    ch = sub.add_parser("chats", help="conversations: list them, export NAME, delete NAME")
    ch.add_argument("action", nargs="?", choices=("export", "delete", "rename"))
    ch.add_argument("names", nargs="*", metavar="NAME", help="the conversation (rename: OLD NEW)")
    ch.add_argument("--json", action="store_true")

    st = sub.add_parser("status", help="what is indexed, what failed and why")
    st.add_argument("--json", action="store_true")
    return p


def filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    p.add_argument("--folder", type=Path, help="only files under this folder")
    p.add_argument("--since", help="only passages dated on or after YYYY-MM-DD")
    p.add_argument("--until", help="only passages dated on or before YYYY-MM-DD")


def filters_from(args: argparse.Namespace) -> Filters:
    return Filters(
        kinds=tuple(args.kind or ()),
        folder=str(args.folder.resolve()) if args.folder else None,
        date_from=args.since,
        date_to=args.until,
    )


def each_query(query: str) -> Iterator[str]:
    """The query itself, or with ``-`` one per non-empty line of standard input."""
    if query != "-":
        yield query
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()
