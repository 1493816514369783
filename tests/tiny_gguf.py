"""Write a tiny random-weight llama GGUF at test time (a few hundred KB, loads in milliseconds).

Its output is noise, which is the point: kb must survive whatever a model says. The vocabulary is
SentencePiece-style with byte fallback (``<0x00>``..``<0xFF>``), ChatML specials and a few hundred
word pieces, including ``[``, ``]`` and digits so noise can look like a citation now and then.
The metadata is what llama.cpp needs to load it and to apply the chat template (see
/work/shared/notes/platform-facts.md).
"""

from __future__ import annotations

import string
from pathlib import Path

CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

# llama.cpp token types
NORMAL, UNKNOWN, CONTROL, BYTE = 1, 2, 3, 6

_WORD_TEXT = (
    "the a an and or of to in on for is was are be it that this with as at by from not no yes "
    "I you he she we they his her my your our their vet dog Biscuit notice period contract "
    "flight leave rent lease month week day year date page source sources answer find found "
    "said says about what when where who how which there here have has had do did does will "
    "would can could should may might must one two three four five six seven eight nine ten"
)
WORDS = _WORD_TEXT.split()


def vocabulary() -> tuple[list[str], list[int], list[float]]:
    tokens = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
    types = [UNKNOWN, CONTROL, CONTROL, CONTROL, CONTROL]
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [BYTE] * 256
    pieces = ["▁", "[", "]", ",", ".", "-", "\n", *string.digits, *string.ascii_letters]
    pieces += [f"▁{w}" for w in WORDS] + [f"▁[{d}]" for d in range(1, 10)]
    pieces += [f"▁{c}" for c in string.ascii_lowercase]
    seen = set(tokens)
    for p in pieces:
        if p not in seen:
            seen.add(p)
            tokens.append(p)
            types.append(NORMAL)
    # longer pieces score higher so the SPM tokenizer prefers whole words over letters
    scores = [
        0.0 if t != NORMAL else -1000.0 + len(tok) for tok, t in zip(tokens, types, strict=True)
    ]
    return tokens, types, scores


def write_tiny_gguf(
    path: Path,
    *,
    width: int = 64,
    layers: int = 2,
    heads: int = 4,
    context: int = 4096,
    seed: int = 0,
    chat_template: str | None = CHATML,
    byte_noise: bool = False,
) -> Path:
    """Write the model to ``path`` (f32 weights, ~0.6 MB) and return the path.

    By default the output layer all but never picks a byte token, so the noise is whole words,
    like a real model's text. ``byte_noise=True`` lets raw bytes through: invalid UTF-8, which
    llama-cpp-python holds back and re-decodes on every step (slow, quadratic — keep such calls
    short).
    """
    import gguf
    import numpy as np

    rng = np.random.default_rng(seed)
    tokens, types, scores = vocabulary()
    ff = width * 2

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.08).astype(np.float32)

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("kb-tiny-test")
    w.add_context_length(context)
    w.add_embedding_length(width)
    w.add_block_count(layers)
    w.add_feed_forward_length(ff)
    w.add_head_count(heads)
    w.add_head_count_kv(heads)
    w.add_rope_dimension_count(width // heads)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_scores(scores)
    w.add_bos_token_id(1)
    w.add_eos_token_id(4)  # <|im_end|> ends a ChatML turn
    w.add_unk_token_id(0)
    w.add_add_bos_token(False)
    if chat_template is not None:
        w.add_chat_template(chat_template)

    # numpy shapes are ggml's reversed: (rows=out, cols=in)
    w.add_tensor("token_embd.weight", weight(len(tokens), width))
    w.add_tensor("output_norm.weight", np.ones(width, dtype=np.float32))
    output = weight(len(tokens), width)
    if not byte_noise:
        output[[i for i, t in enumerate(types) if t == NORMAL or i == 4]] *= 8.0
    w.add_tensor("output.weight", output)
    for i in range(layers):
        b = f"blk.{i}."
        w.add_tensor(b + "attn_norm.weight", np.ones(width, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            w.add_tensor(b + name + ".weight", weight(width, width))
        w.add_tensor(b + "ffn_norm.weight", np.ones(width, dtype=np.float32))
        w.add_tensor(b + "ffn_gate.weight", weight(ff, width))
        w.add_tensor(b + "ffn_up.weight", weight(ff, width))
        w.add_tensor(b + "ffn_down.weight", weight(width, ff))

    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


if __name__ == "__main__":  # python -m tests.tiny_gguf OUT.gguf
    import sys

    out = write_tiny_gguf(Path(sys.argv[1] if len(sys.argv) > 1 else "tiny.gguf"))
    print(out, out.stat().st_size)
