"""Text of the sample mailbox (``mail/inbox.mbox``) and the standalone ``.eml`` files.

All people, companies and addresses are invented; addresses use the reserved example.com /
example.org / example.net domains and phone numbers the fictional 555-01xx range. Replies name
the message they answer (``reply_to``); the generator quotes it the way mail clients do. One
module per correspondence; the mailbox holds them all in date order.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from ..records import Mail
from . import bookshop, clinic, family, job_offer, landlord, newsletter, travel
from .eml_files import EML_FILES

THREADS = (bookshop, clinic, landlord, newsletter, job_offer, travel, family)
# every message comes after the one it answers, as the generator needs to quote it
MAILBOX: tuple[Mail, ...] = tuple(
    sorted((m for t in THREADS for m in t.MAILS), key=lambda m: parsedate_to_datetime(m.date))
)

__all__ = ["EML_FILES", "MAILBOX"]
