"""`python -m tests.fake_kb ARGS`: the real `kb` command with the test fakes registered.

Subprocess tests (crash, watch, the app in a browser) run kb through this so that
``KB_EMBEDDER=fake`` and the scripted generators exist there too; production code has no hook.
"""

from __future__ import annotations

import sys

from kb.cli import main
from tests.fakes import register

if __name__ == "__main__":
    register()
    sys.exit(main(sys.argv[1:]))
