"""Chunk budgets counted with the embedder's own tokenizer.

Chunk boundaries must depend only on the text and the configured embedder — never on whether a
model happens to be loaded — or a moved file would chunk differently and lose its stored vectors.
So the budget comes from the model folder's own tokenizer, which is cheap to load on its own
(kb.embedding.registry says which budget each embedder uses).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from kb.chunker import PREFIX_WORDS, Budget
from kb.errors import ModelError
from kb.settings import go_offline

SPECIAL_TOKENS = 2  # [CLS] and [SEP]
PREFIX_ALLOWANCE = 2 * PREFIX_WORDS  # the title put in front of each chunk when embedding


@lru_cache(maxsize=4)
def tokenizer_budget(folder: Path) -> Budget:
    go_offline()
    try:
        from transformers import AutoTokenizer

        tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except Exception as e:
        raise ModelError(
            f"Cannot load the tokenizer of the embedding model at {folder}: {e}"
        ) from e
    limit = 256
    config = folder / "sentence_bert_config.json"
    if config.is_file():
        limit = int(json.loads(config.read_text()).get("max_seq_length", limit))

    def count(text: str) -> int:
        return len(tok(text, add_special_tokens=False, verbose=False)["input_ids"])

    top = limit - SPECIAL_TOKENS - PREFIX_ALLOWANCE
    return Budget(count=count, max=top, min=top * 3 // 10, overlap=top // 5)
