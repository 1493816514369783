"""The `kb` command: argument parsing and output; the work happens in the KnowledgeBase.

This is kb's composition root, the one module of the core that may know every layer: it imports
``ingest`` (sync, watcher) and ``ui`` (the app) lazily, inside the commands that need them, so
`kb --help` and `kb search` never load them. Nothing else in ``kb`` imports either.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import ConfigError, KBError
from kb.records import KINDS, Filters
from kb.settings import Settings, go_offline

if TYPE_CHECKING:
    from kb.knowledge_base import KnowledgeBase

log = logging.getLogger("kb")


def _parser() -> argparse.ArgumentParser:
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
    _filter_args(se)

    ak = sub.add_parser("ask", help="an answer with citations ('-': one question per stdin line)")
    ak.add_argument("question")
    ak.add_argument("--json", action="store_true")
    _filter_args(ak)

    ui = sub.add_parser("ui", help="the app on http://127.0.0.1:8501 with the watcher running")
    ui.add_argument("paths", nargs="*", type=Path, help="folders (default: KB_WATCH)")
    ui.add_argument("--port", type=int, default=8501)
    ui.add_argument("--no-browser", action="store_true", help="do not open a browser window")

    st = sub.add_parser("status", help="what is indexed, what failed and why")
    st.add_argument("--json", action="store_true")
    return p


def _filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    p.add_argument("--folder", type=Path, help="only files under this folder")
    p.add_argument("--since", help="only passages dated on or after YYYY-MM-DD")
    p.add_argument("--until", help="only passages dated on or before YYYY-MM-DD")


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        kinds=tuple(args.kind or ()),
        folder=str(args.folder.resolve()) if args.folder else None,
        date_from=args.since,
        date_to=args.until,
    )


def _open(settings: Settings) -> KnowledgeBase:
    from kb.knowledge_base import KnowledgeBase

    return KnowledgeBase(settings)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    """A tqdm bar on stderr when it is a terminal; silent otherwise."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)

    def update(done: int, total: int, path: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(Path(path).name[-40:], refresh=False)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def _paths(args: argparse.Namespace, kb: KnowledgeBase) -> list[Path]:
    """The paths named on the command line, else every watched folder (KB_WATCH and the app's)."""
    paths = [p.resolve() for p in args.paths] or kb.watched_paths()
    if not paths:
        raise ConfigError(
            f"Nothing to {args.command}: name folders (kb {args.command} ~/Notes), "
            "set KB_WATCH or add a folder in the app."
        )
    for p in paths:
        if not p.exists():
            raise ConfigError(f"No such file or folder: {p}")
    return paths


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.sync import Syncer
    from kb.output import index_summary

    kb = _open(settings)
    paths = _paths(args, kb)
    with _progress(sys.stderr.isatty() and not args.json) as progress:
        report = Syncer(kb, progress).sync(paths)
    print(json.dumps(report.to_json()) if args.json else index_summary(report))
    return 0


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.watch.service import run

    kb = _open(settings)
    return run(kb, _paths(args, kb), poll=args.poll)


def _each_query(query: str) -> Iterator[str]:
    if query != "-":
        yield query
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from kb.output import hit_lines

    kb = _open(settings)
    filters = _filters(args)
    for query in _each_query(args.query):
        hits = kb.search(query, k=args.k, filters=filters)
        if args.json or args.query == "-":
            # every JSON field is sanitized text, the echoed query too
            print(
                json.dumps({"query": kb.sanitize(query), "hits": [h.to_json() for h in hits]}),
                flush=True,
            )
        elif not hits:
            print(
                "No passages found."
                + (
                    ""
                    if kb.store.manifest.files()
                    else " The index is empty: run `kb index FOLDER` first."
                )
            )
        else:
            print("\n\n".join(hit_lines(i, h) for i, h in enumerate(hits, start=1)))
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from kb.output import answer_text

    kb = _open(settings)
    filters = _filters(args)
    as_json = args.json or args.question == "-"
    for question in _each_query(args.question):
        if as_json:
            answer = kb.ask(question, filters=filters)
            print(json.dumps(answer.to_json()), flush=True)
            continue
        streamed: list[str] = []

        def show(token: str, out: list[str] = streamed) -> None:  # tokens as they arrive
            out.append(token)
            print(token, end="", flush=True)

        answer = kb.ask(question, filters=filters, on_token=show)
        print(answer_text(answer, streamed=bool(streamed)))
    return 0


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    from ui.launch import run

    return run(
        settings, [p.resolve() for p in args.paths], port=args.port, browser=not args.no_browser
    )


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from kb.knowledge_base import KnowledgeBase
    from kb.output import status_text

    kb = KnowledgeBase(settings)  # reads counts only: no model, no Chroma, no key is loaded
    s = kb.status()
    print(json.dumps(s.to_json()) if args.json else status_text(s))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "index": cmd_index,
    "watch": cmd_watch,
    "search": cmd_search,
    "ask": cmd_ask,
    "ui": cmd_ui,
    "status": cmd_status,
}


@contextmanager
def _logging_to(settings: Settings) -> Iterator[None]:
    """kb's own log in KB_HOME: paths, statuses and counts, never document text."""
    settings.ensure_home()
    handler = logging.FileHandler(settings.log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("kb")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    go_offline()
    try:
        settings = Settings.from_env()
        with _logging_to(settings):
            return COMMANDS[args.command](args, settings)
    except KBError as e:
        print(f"kb: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
