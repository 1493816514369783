from pathlib import Path

from ingest.ignore import is_ignored, wanted
from ingest.parsers import is_maildir_message, parser_for


def test_suffixes_pick_their_parsers():
    for name in ("a.md", "b.TXT", "c.pdf", "d.eml", "e.mbox"):
        assert parser_for(Path("/x") / name) is not None
    assert parser_for(Path("/x/photo.jpg")) is None


def test_maildir_messages_are_recognised_without_a_suffix(tmp_path):
    box = tmp_path / "Mail"
    for d in ("cur", "new", "tmp"):
        (box / d).mkdir(parents=True)
    assert is_maildir_message(box / "cur" / "1700000000.M1P2.host:2,S")
    assert is_maildir_message(box / "new" / "anything")
    lone_new = tmp_path / "Notes" / "new"
    lone_new.mkdir(parents=True)
    assert not is_maildir_message(lone_new / "shopping-list")
    assert is_maildir_message(lone_new / "1700000000.M1P2.host")


def test_temporary_hidden_and_user_ignored_files_are_skipped(tmp_path):
    root = tmp_path
    for name in (
        ".#note.md",
        "~$contract.pdf",
        "note.md.swp",
        "x.tmp",
        "dl.pdf.part",
        ".hidden.md",
        ".DS_Store",
        "draft.md~",
        ".~lock.lease.pdf#",
    ):
        assert is_ignored(root / name, [root]), name  # the rule itself, whatever the suffix
    # files kb could parse, kept out only by the ignore rules
    for name in (".#note.md", "~$contract.pdf", ".hidden.md"):
        assert parser_for(root / name) is not None and not wanted(root / name, [root]), name
    assert is_ignored(root / ".git" / "notes.md", [root])
    assert not wanted(root / "drafts" / "a.md", [root], ["*/drafts/*"])
    assert wanted(root / "drafts" / "a.md", [root])  # ... only because of that pattern
    assert wanted(root / "journal" / "2025-03-14.md", [root])
