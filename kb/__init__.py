"""kb: a private knowledge base that runs entirely on its owner's machine.

The public API is what other Python code may rely on; everything else is internal::

    from kb import KnowledgeBase, Settings
    kb = KnowledgeBase(Settings.from_env())
    answer = kb.ask("what is my notice period?")
"""

from kb.errors import ConfigError, KBError, ModelError, StoreError
from kb.knowledge_base import KnowledgeBase
from kb.records import Answer, Chunk, Citation, Document, Filters, Hit
from kb.reports import IndexReport, Status
from kb.settings import Settings

# fmt: off
__all__ = [
    "Answer", "Chunk", "Citation", "ConfigError", "Document", "Filters", "Hit", "IndexReport",
    "KBError", "KnowledgeBase", "ModelError", "Settings", "Status", "StoreError",
]
# fmt: on
