"""The installed llama.cpp is the portable build the Makefile asks for, not a native one.

A native build (``-DGGML_NATIVE=ON``, llama-cpp-python's default) compiles ggml's AMX and AVX-512
kernels for the build machine. On these VMs the first real Q4_K model then dies with SIGILL in
``ggml_backend_amx_mul_mat``; the tiny test model never reaches that kernel, so only reading the
machine code tells. pip's wheel cache ignores CMAKE_ARGS and can hand back such a build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

# AMX tile instructions, and AVX-512's registers (zmm, the k mask registers as operands)
FORBIDDEN = re.compile(
    r"\b(?:tileloadd\w*|tilestored|ldtilecfg|sttilecfg|tilerelease|tilezero|"
    r"tdp\w+ps|tdpb\w+d)\b|%zmm\d+|\{%k[1-7]\}"
)


def _cpu_library() -> Path:
    import llama_cpp

    found = sorted((Path(llama_cpp.__file__).parent / "lib").glob("libggml-cpu.so*"))
    if not found:
        pytest.fail("llama-cpp-python has no lib/libggml-cpu.so: an unexpected build layout")
    return max(found, key=lambda p: p.stat().st_size)


def test_the_forbidden_pattern_recognises_amx_and_avx512():  # else the next test proves nothing
    assert FORBIDDEN.search("tileloadd (%rsi,%rdx,1),%tmm0")
    assert FORBIDDEN.search("vmovups %zmm1,(%rax)")
    assert FORBIDDEN.search("vaddps %ymm2,%ymm1,%ymm0{%k1}")
    assert not FORBIDDEN.search("vfmadd231ps %ymm2,%ymm1,%ymm0")


@pytest.mark.slow
def test_installed_ggml_has_no_amx_or_avx512_instructions():
    if shutil.which("objdump") is None:
        pytest.skip("objdump (binutils) is needed to read the library's machine code")
    lib = _cpu_library()
    asm = subprocess.run(
        ["objdump", "-d", "--no-show-raw-insn", str(lib)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "ymm" in asm, "no AVX2 code at all: the disassembly did not work"
    bad = sorted({m.group(0) for m in FORBIDDEN.finditer(asm)})
    assert not bad, (
        f"{lib} is a native build ({', '.join(bad[:5])}): rebuild it portably "
        "with `make clean-llama venv`"
    )
