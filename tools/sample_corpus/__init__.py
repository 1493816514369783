"""The texts of sample_corpus/ that tools/make_sample_corpus.py renders: the contract PDFs
(``pdfs``), the mailbox and the standalone ``.eml`` files (``mail``). Everything here is invented.
"""
