"""Text of the sample corpus PDFs: four contracts and two PDFs that travel as email attachments.

Each document is a list of pages; a page is lightly marked-up text that the generator wraps:
``# `` is the document title, ``## `` a bold heading, ``> `` a line kept exactly as written
(signature blocks, tables), a blank line separates paragraphs. Page breaks are written by hand so
that tests can say "this fact is on page N".  Everything here is invented.
"""

from __future__ import annotations

from ..records import PdfDoc
from .employment import EMPLOYMENT
from .freelance import FREELANCE
from .itinerary import ITINERARY
from .lease import LEASE
from .nda import NDA
from .vet_invoice import VET_INVOICE

# the PDFs that travel as email attachments, by the name an Attachment's source gives
ATTACHMENT_PDFS: dict[str, PdfDoc] = {"ITINERARY": ITINERARY, "VET_INVOICE": VET_INVOICE}

# file name under sample_corpus/contracts -> document
CONTRACTS: dict[str, PdfDoc] = {
    "residential_lease_2025.pdf": LEASE,
    "employment_agreement_fernwood.pdf": EMPLOYMENT,
    "freelance_agreement_harbor_quill.pdf": FREELANCE,
    "mutual_nda_fernwood.pdf": NDA,
}
