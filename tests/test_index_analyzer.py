"""The analyzer: mixed text stays findable; rjieba and jieba segment the samples alike."""
from __future__ import annotations

import json

import pytest

from gazette.index.segment import analyse, cutter, fold, han_runs, query_grams

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
def test_mixed_text_words(text, expected):
    assert analyse(text)[0] == expected


def test_grams_give_every_han_character_a_gram_and_runs_their_first_character():
    _, grams = analyse("环翠区，2021年度")
    assert {g: list(p) for g, p in grams.items()} == {"环": [0], "环翠": [0], "翠区": [1], "区": [2], "2021": [3],
                     "年": [4], "年度": [4], "度": [5]}


# characters where folding and cutting are easy to get wrong: full-width forms and spaces,
# combining marks that compose (Ａ + ́ → Á, ｶ + ﾞ → ガ), compatibility forms (①, ﬁ, ㈠), final
# sigma, symbols, punctuation, decimals and leading zeros, Han beside all of them
_TRICKY = ("环翠区〇㐀豈年度" "ａＡ１２，：；（）．％＃　\u00a0" "\u0301\u0308ｶﾞﾟ" "①ﬁ㈠²Σσ"
           "≥≤×℃‰%#&@+=~^`$|<>" "，。、：“”《》〔〕…—-_./\\'\"!?" "0123.4567 89aBcZé" "\t\n")


def _tricky_texts():
    import random

    rng = random.Random(7)
    texts = ["".join(rng.choice(_TRICKY) for _ in range(rng.randrange(1, 40))) for _ in range(3000)]
    return texts + [(SAMPLES / name).read_text(encoding="utf-8") for name in TXT_SAMPLES]


def test_fold_is_nfkc_then_lower_case():
    import unicodedata

    for text in _tricky_texts():
        assert fold(text) == unicodedata.normalize("NFKC", text).lower(), text


def test_tokens_are_the_runs_of_han_letters_numbers_and_symbols():
    """`fold_runs` skips punctuation inside its pattern: the tokens are those of the plain
    definition (every other character looked at, symbols kept)."""
    import re
    import unicodedata

    from gazette.index.segment import _HAN, KEEP_PUNCT, fold_runs

    plain = re.compile(rf"([{_HAN}]+)|([a-z]+|[0-9]+(?:\.[0-9]+)?)|(\S)")

    def runs(text):
        out = []
        for han, alnum, other in plain.findall(unicodedata.normalize("NFKC", text).lower()):
            if han or alnum:
                out.append((han, (alnum.lstrip("0") or "0") if alnum.isdigit() else alnum, ""))
            elif other in KEEP_PUNCT or unicodedata.category(other)[0] == "S":
                out.append(("", "", other))
        return out

    for text in _tricky_texts():
        assert list(fold_runs(text)) == runs(text), text


def _occurs(grams: dict, wanted) -> bool:
    """Whether the grams of a text have `wanted` (query_grams) at consecutive positions."""
    starts = None
    for gram, offset, prefix in wanted:
        poses = ({p for g, ps in grams.items() if g.startswith(gram) for p in ps} if prefix
                 else set(grams.get(gram, ())))
        here = {p - offset for p in poses}
        starts = here if starts is None else starts & here
    return bool(starts)


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == ".")


def test_a_string_occurs_in_a_text_exactly_when_its_grams_line_up():
    """The gram scheme is exact for strings of Han characters with the digits, letters and
    symbols around them (whole ASCII words and numbers: `aed`, not `ed`): no miss (the recall
    the index promises) and no false match."""
    import random

    text = (SAMPLES / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8")[:30000]
    folded = fold(text)
    runs = [r for r in __import__("re").split(r"[\s，。、；：“”（）《》〔〕]+", folded) if r]
    rng = random.Random(11)
    _, grams = analyse(text, None)
    tried = 0
    for run in rng.sample(runs, 300):
        for n in (1, 2, 3, 4, 6):
            if len(run) < n:
                continue
            i = rng.randrange(len(run) - n + 1)
            s = run[i:i + n]
            cuts_a_word = (i > 0 and _word_char(s[0]) and _word_char(run[i - 1])
                           or i + n < len(run) and _word_char(s[-1]) and _word_char(run[i + n]))
            wanted = query_grams(s)
            if wanted and not cuts_a_word:  # letters and digits are whole tokens
                assert _occurs(grams, wanted), s
                tried += 1
    assert tried > 500
    # strings that are not in the text are not found (characters of the text recombined)
    for a, b in [("兖州", "区长"), ("健康", "城市"), ("2021", "年度")]:
        s = a + b
        assert _occurs(grams, query_grams(s)) == (s in folded), s


def test_rjieba_and_jieba_give_identical_words_on_the_samples():
    """The fast segmenter (rjieba) is equivalent to the reference (jieba) on real text.

    Only runs of Han characters reach the segmenter (ASCII runs, where the two differ on
    `2023-02-14`, are split by our own regex first), so equality of every Han run's cut is
    equality of the index words.
    """
    pytest.importorskip("rjieba")
    runs = sorted({r for name in TXT_SAMPLES for r in han_runs((SAMPLES / name).read_text(encoding="utf-8"))})
    assert len(runs) > 1000
    differ = [r for r in runs if cutter("rjieba")(r) != cutter("jieba")(r)]
    assert differ == []


def test_jieba_cache_lives_in_the_user_cache_dir():
    import jieba
    import platformdirs

    cutter("jieba")
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


def test_the_index_stores_the_gram_positions_the_analyser_computed(tmp_path, capsys):
    """Workers pack posting values; what Whoosh reads back must be exactly those."""
    from index_helpers import cli_json, write_bulletin

    from gazette.index import store
    from gazette.index.schema import whole_text

    idx = str(tmp_path / "idx")
    path = write_bulletin(tmp_path, "a.txt", "公共场所急救")
    assert cli_json(capsys, "ingest", str(path), "--index", idx)[0] == 0
    with store.searcher(idx) as s:
        reader = s.s.reader()
        docnum = next(iter(reader.all_doc_ids()))
        stored = store.stored_document(reader.stored_fields(docnum))
        checked = 0
        for gram in ("公共", "急救", "2021", "≥", "aed"):
            m = reader.postings("chars", gram)
            assert m.id() == docnum
            assert list(m.value_as("positions")) == list(analyse(whole_text(stored), None)[1][gram])
            checked += 1
    assert checked == 5

