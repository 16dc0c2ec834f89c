"""The guarded read (ingest/guard.py) and the pipeline's per-document fallback (issue 11)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from eventscribe.errors import InputError
from eventscribe.ingest import guard
from eventscribe.types import Article

from .bad_inputs import fake_pipeline


@pytest.mark.parametrize(("data", "limit", "expected"), [
    (b"a\nbb\n", 10, [b"a", b"bb"]),
    (b"a\nbb", 10, [b"a", b"bb"]),  # last line without newline
    (b"a\n\nb\n", 10, [b"a", b"", b"b"]),
    (b"short\n" + b"x" * 50 + b"\nafter\n", 10, [b"short", "ERR:2", b"after"]),
    (b"x" * 50, 10, ["ERR:1"]),  # an over-long last line
    (b"x" * 50 + b"\n", 10, ["ERR:1"]),
])
@pytest.mark.parametrize("chunk", [1, 3, 7, 4096])
def test_guard_bounded_lines(data: bytes, limit: int, expected: list, chunk: int) -> None:
    got = [f"ERR:{i.origin.rsplit(':', 1)[1]}" if isinstance(i, InputError) else i
           for i in guard.bounded_lines(io.BytesIO(data), origin="f", max_bytes=limit, chunk=chunk)]
    assert got == expected


def test_guard_json_depth_ignores_brackets_in_strings() -> None:
    assert guard.json_depth('{"a": [[1]], "t": "[[[[[[[[\\"]]"}') == 3
    assert guard.loads_json('{"text": "' + "[" * 1000 + '"}', origin="x") == {"text": "[" * 1000}
    with pytest.raises(InputError, match="nested 65 levels"):
        guard.loads_json("[" * 65 + "]" * 65, origin="x")


@pytest.mark.parametrize("text", ["plain ASCII text", "Sévaré, Kyiv – “quoted” 'x'\r\n\tend",
                                  "ｆｕｌｌｗｉｄｔｈ ﬁ &amp; e\u0301"])
def test_guard_clean_text_keeps_valid_text(text: str) -> None:
    assert guard.clean_text(text) == text


@pytest.mark.parametrize(("broken", "fixed"), [
    ("a\ud800b", "a\ufffdb"), ("a\x00b", "ab"), ("\x1b[31mred\x1b[0m", "red"),
    ("the courtâ€™s decision", "the court\u2019s decision"),
])
def test_guard_clean_text_repairs(broken: str, fixed: str) -> None:
    assert guard.clean_text(broken) == fixed


def test_guard_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.txt")
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    with pytest.raises(InputError, match="FIFO"):
        guard.read_regular(tmp_path / "f.txt")
    with pytest.raises(InputError, match=r"character device \(a symlink to /dev/zero\)"):
        guard.read_regular(tmp_path / "z.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100)
    with pytest.raises(InputError, match="over the limit"):
        guard.read_regular(big, max_bytes=99)
    assert guard.read_regular(big, max_bytes=100) == b"x" * 100


def test_guard_printable() -> None:
    assert guard.printable("a\nb\x1b\udcff") == "a\\nb\\x1b\ufffd"


def test_guard_doc_ids() -> None:
    ids = guard.DocIds(known=lambda wanted: {"db": "0" * 16} if "db" in wanted else {})
    a = Article("x", "one")
    assert ids.claim(a) == (a, None)
    assert ids.claim(Article("x", "one"))[1] is None  # the same text again: not renamed
    renamed, note = ids.claim(Article("x", "two", origin="f:2"))
    assert renamed.id.startswith("x~") and len(renamed.id) == 10 and "f:2" in note
    assert ids.claim(Article("db", "other"))[0].id.startswith("db~")


class _Classifier:
    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        if any("BOOM" in t for t in texts):
            raise RuntimeError("embedding failed")
        return [{} for _ in texts]


def test_pipeline_one_bad_document_does_not_lose_its_batch() -> None:
    """A lone surrogate that reaches the tokenizer (no guarded read: the Python API) fails
    nlp.pipe for the whole batch; each document is then parsed alone."""
    p = fake_pipeline()
    docs = [Article(f"d{i}", f"Forces shelled town {i}.") for i in range(5)]
    docs[2] = Article("bad", "Forces shelled a\ud800 town.")
    results = list(p.pipe(docs))
    assert [r.outcome for r in results] == ["events", "events", "error", "events", "events"]
    assert "UnicodeEncodeError" in (results[2].error or "")


def test_pipeline_classifier_failure_costs_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventscribe.pipeline as pipeline_mod

    monkeypatch.setattr(pipeline_mod, "typing_candidates", lambda units, short: units)  # every sentence
    p = fake_pipeline()
    p.classifier = _Classifier()  # type: ignore[assignment]
    docs = [Article("a", "Forces shelled town a."), Article("b", "Forces shelled BOOM town b."),
            Article("c", "Forces shelled town c.")]
    assert [r.outcome for r in p.pipe(docs)] == ["events", "error", "events"]
