"""Detectors: pure functions ``text -> Iterator[Finding]``, one module per family of values.

    secrets    provider tokens (formats in provider_formats), private keys, JWTs, auth headers
    keywords   values introduced by a keyword: passwords, PINs, tokens (judged by credential_values)
    financial  card and bank numbers, confirmed by their checksums
    national   national identifiers (SSN, NINO, SIN, DNI, BSN, NIR, codice fiscale)
    keyed_ids  any identifier-shaped value right after its keyword (passport no., IBAN, ...)
    contact    e-mail and IP addresses
    phone      phone numbers

``DETECTORS`` pairs each detector with the categories it can report, so a category the user
keeps (KB_SANITIZE_KEEP) switches off detectors that find nothing else.
"""

from __future__ import annotations

from kb.sanitize.detectors import contact, financial, keyed_ids, keywords, national, phone, secrets
from kb.sanitize.findings import Detector

SECRET_FORMAT_CATEGORIES = secrets.SECRET_FORMAT_CATEGORIES
DETECTORS: tuple[tuple[frozenset[str], Detector], ...] = (
    *secrets.DETECTORS,
    *keywords.DETECTORS,
    *financial.DETECTORS,
    *national.DETECTORS,
    *keyed_ids.DETECTORS,
    *contact.DETECTORS,
    *phone.DETECTORS,
)
