"""Every error kb raises on purpose, with a message written for the person at the screen.

    KBError
    ├── ConfigError        a setting or path is wrong (bad KB_HOME, missing folder)
    ├── ModelError         the GGUF or embedding model cannot be found or loaded
    │   └── ModelUnavailable  the model server is down, slow or refuses kb (quotes instead)
    ├── StoreError         the index on disk cannot be opened or written
    └── FileProblem        one source file could not be indexed (never fatal to a sync)
        ├── FileFailed     corrupt, encrypted, unreadable, too large: status "failed"
        │   └── FileLocked password-protected, and no password kb was given opens it
        └── FileSkipped    readable but nothing to index (scanned PDF, empty): status "skipped"

Only the CLI and the UI turn these into output; everything in between lets them travel.
"""

from __future__ import annotations


class KBError(Exception):
    """Base class: str(error) is a complete sentence a user can act on."""


class ConfigError(KBError):
    pass


class ModelError(KBError):
    pass


class ModelUnavailable(ModelError):
    """KB_LLM_URL's server did not answer: the answer falls back to quotes, never fails."""


class StoreError(KBError):
    pass


class FileProblem(KBError):
    status = "failed"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class FileFailed(FileProblem):
    status = "failed"


class FileLocked(FileFailed):
    """Retried when the passwords file (KB_HOME/pdf_passwords) changes."""


class FileSkipped(FileProblem):
    status = "skipped"
