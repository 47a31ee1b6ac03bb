"""The analyzer: mixed text stays findable; rjieba and jieba segment the samples alike."""
from __future__ import annotations

import json

import pytest

from gazette.index.segment import SUB, han_runs, segment_han, terms, tokens, words

from conftest import SAMPLES, TXT_SAMPLES


@pytest.mark.parametrize("text, expected", [
    ("2021年", ["2021", "年"]),
    ("AED", ["aed"]),
    ("≥90%", ["≥", "90", "%"]),
    ("２０２１年", ["2021", "年"]),            # full-width digits fold to ASCII
    ("2023-02-14", ["2023", "2", "14"]),     # numbers lose leading zeros: 02 finds 2月
    ("济兖政发〔2021〕6号", ["济", "兖", "政发", "2021", "6", "号"]),
    ("井", ["井"]),                           # one-character words are kept
    ("，。、：“”", []),                       # punctuation is dropped
])
def test_mixed_text_tokens(text, expected):
    assert terms(tokens(text)) == expected


def test_search_mode_subwords_share_the_word_position():
    toks = tokens("告知承诺制")
    assert words(toks) == ["告知", "承诺制"]
    assert SUB + "承诺" in toks  # so 承诺 alone finds 承诺制


def test_query_and_index_segment_alike():
    """A query string segments into the same words wherever it sits in a text."""
    for phrase in ("告知承诺制", "自备井", "国家卫生城市"):
        q = words(tokens(phrase))
        text = words(tokens(f"全面推行{phrase}，"))
        assert any(text[i:i + len(q)] == q for i in range(len(text)))


def test_rjieba_and_jieba_give_identical_tokens_on_the_samples():
    """The fast segmenter (rjieba) is equivalent to the reference (jieba) on real text.

    Only runs of Han characters reach the segmenter (ASCII runs, where the two differ on
    `2023-02-14`, are split by our own regex first), so equality of every Han run's
    search-mode cut is equality of the index tokens.
    """
    pytest.importorskip("rjieba")
    runs = sorted({r for name in TXT_SAMPLES for r in han_runs((SAMPLES / name).read_text(encoding="utf-8"))})
    assert len(runs) > 1000
    differ = [r for r in runs if segment_han(r, "rjieba") != segment_han(r, "jieba")]
    assert differ == []
    text = "".join((SAMPLES / n).read_text(encoding="utf-8") for n in TXT_SAMPLES)
    assert tokens(text, "rjieba") == tokens(text, "jieba")


def test_jieba_cache_lives_in_the_user_cache_dir():
    import jieba
    import platformdirs

    from gazette.index.segment import cutters

    cutters("jieba")
    assert jieba.dt.tmp_dir == platformdirs.user_cache_dir("gazette")


def test_mixed_text_is_findable_in_an_index(tmp_path, capsys):
    from index_helpers import cli_json, write_bulletin

    idx = str(tmp_path / "idx")
    write_bulletin(tmp_path, "a.txt", "公共场所急救")
    assert cli_json(capsys, "ingest", str(tmp_path / "a.txt"), "--index", idx)[0] == 0
    for q in ("AED", "aed", "≥90%", "2021年", "测政发〔2021〕3号", "急救", "公共场所急救"):
        code, res = cli_json(capsys, "search", q, "--index", idx)
        assert code == 0 and res["total"] >= 1, q


def test_an_index_records_its_segmenter_and_queries_use_it(tmp_path, capsys, monkeypatch):
    from index_helpers import cli_json, write_bulletin

    monkeypatch.setenv("GAZETTE_SEGMENTER", "jieba")
    idx = tmp_path / "idx"
    write_bulletin(tmp_path, "a.txt", "告知承诺制")
    assert cli_json(capsys, "ingest", str(tmp_path / "a.txt"), "--index", str(idx))[0] == 0
    assert json.loads((idx / "gazette-index.json").read_text(encoding="utf-8"))["segmenter"] == "jieba"
    monkeypatch.setenv("GAZETTE_SEGMENTER", "rjieba")  # the index's own segmenter wins
    code, res = cli_json(capsys, "search", "承诺制", "--index", str(idx))
    assert code == 0 and res["total"] == 1
    code, stats = cli_json(capsys, "stats", "--index", str(idx))
    assert stats["segmenter"] == "jieba"


def test_worker_posting_values_equal_whoosh_own():
    """Ingest workers compute posting values themselves; they must be Whoosh's, byte for byte."""
    import marshal

    from whoosh.formats import Positions

    from gazette.index.analyzer import PACKED, GazetteTokenizer, packed
    from gazette.index.segment import presegmented

    text = (SAMPLES / TXT_SAMPLES[0]).read_text(encoding="utf-8")[:20000]
    ours = marshal.loads(packed(text, "rjieba")[len(PACKED):].encode("latin-1"))
    whoosh = list(Positions().word_values(presegmented(text, "rjieba"), GazetteTokenizer("rjieba")))
    assert ours == whoosh
