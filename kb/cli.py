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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kb.arguments import each_query, filters_from, parser
from kb.console import logging_to, progress_bar
from kb.errors import ConfigError, KBError
from kb.settings import Settings, go_offline

if TYPE_CHECKING:
    from kb.knowledge_base import KnowledgeBase
    from kb.records import Answer

log = logging.getLogger("kb")


def _open(settings: Settings) -> KnowledgeBase:
    from kb.knowledge_base import KnowledgeBase

    return KnowledgeBase(settings)


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
    with progress_bar(sys.stderr.isatty() and not args.json) as progress:
        report = Syncer(kb, progress).sync(paths)
    print(json.dumps(report.to_json()) if args.json else index_summary(report))
    return 0


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.watch.service import run

    kb = _open(settings)
    return run(kb, _paths(args, kb), poll=args.poll)


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from kb.output import hit_lines

    kb = _open(settings)
    filters = filters_from(args)
    for query in each_query(args.query):
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
                    " The index is empty: run `kb index FOLDER` first."
                    if kb.store.is_empty()
                    else ""
                )
            )
        else:
            print("\n\n".join(hit_lines(i, h) for i, h in enumerate(hits, start=1)))
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from kb.output import answer_text

    kb = _open(settings)
    filters = filters_from(args)
    as_json = args.json or args.question == "-"
    for question in each_query(args.question):
        if as_json:
            answer = kb.ask(question, filters=filters, chat=args.chat)
            print(json.dumps(answer.to_json()), flush=True)
            continue
        streamed: list[str] = []

        def draft(a: Answer) -> None:  # the quotes, at once, while the model reads its prompt
            print(a.answer + "\n\n(the local model is writing its answer…)\n", flush=True)

        def show(token: str, out: list[str] = streamed) -> None:  # tokens as they arrive
            out.append(token)
            print(token, end="", flush=True)

        answer = kb.ask(question, filters=filters, on_token=show, chat=args.chat, on_draft=draft)
        written = bool(streamed) and answer.mode == "llm" and answer.verdict == "answered"
        if streamed and not written:
            print("\n")  # the streamed text was not kept: what follows replaces it
        print(answer_text(answer, streamed=written))
    return 0


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    if args.print_url:
        from ui.address import AddressFile

        print(AddressFile(settings.home).read())
        return 0
    from ui.launch import run

    return run(
        settings,
        [p.resolve() for p in args.paths],
        port=args.port,
        browser=not args.no_browser,
        token=not args.no_token,
        host=args.host,
        allow=args.allow_host,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
    )


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from kb.knowledge_base import KnowledgeBase
    from kb.output import status_text

    kb = KnowledgeBase(settings)  # reads counts only: no model, no Chroma, no key is loaded
    s = kb.status()
    print(json.dumps(s.to_json()) if args.json else status_text(s))
    return 0


def cmd_chats(args: argparse.Namespace, settings: Settings) -> int:
    from kb.output import chats_text

    chats = _open(settings).chats
    wanted = {None: 0, "export": 1, "delete": 1, "rename": 2}[args.action]
    if len(args.names) != wanted:
        usage = {0: "kb chats", 1: f"kb chats {args.action} NAME", 2: "kb chats rename OLD NEW"}
        raise ConfigError(f"Usage: {usage[wanted]}")
    if args.action is None:
        found = chats.all()
        print(json.dumps([c.to_json() for c in found]) if args.json else chats_text(found))
    elif args.action == "export":
        print(chats.export(args.names[0]), end="")
    elif args.action == "delete":
        chats.delete(args.names[0])
    else:
        print(chats.rename(*args.names))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "index": cmd_index,
    "watch": cmd_watch,
    "search": cmd_search,
    "ask": cmd_ask,
    "chats": cmd_chats,
    "ui": cmd_ui,
    "status": cmd_status,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    go_offline()
    try:
        settings = Settings.from_env()
        with logging_to(settings):
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
