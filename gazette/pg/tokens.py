"""Text as the archive stores it for search, from the same analyzer as the Whoosh index.

* **Token strings**: the tokens of `segment.fold_runs` (a run of Han characters, a letter or
  digit run, a symbol), each between OPEN and CLOSE.  A query string occurs in a text exactly
  where its own token string occurs in the text's (`needle`): inside a run of Han characters
  when the query is one, whole tokens for letters and digits (`aed`, not `ed`), and across
  punctuation and spaces (`审批与监管 协调联动` finds `审批与监管，协调联动`) — the Whoosh
  engine's grams at consecutive positions, checked with `strpos`.
* **Lexemes** (a `tsvector`, GIN-indexed): the grams of every text field (`环翠区` →
  `环` `环翠` `翠区` `区`), with a field prefix (`t:` title, `i:` issuer, …), and the
  segmenter's words with how often the document has each, in binary: one lexeme per bit set
  (`w:卫生#0` and `w:卫生#2` for 5 times).  A query's grams find the candidates; its words'
  16 bit lexemes give every document's count of each word from the index alone (BM25 needs
  them for every match), and `w:卫生#:*` finds the documents that have the word at all.
"""
from __future__ import annotations

from ..index.segment import analyse, fold_runs

OPEN, CLOSE = "\x02", "\x03"
WORD = "w:"
# field → (token-string column, length column, lexeme prefix)
FIELDS = {
    "chars": ("chars", "n_chars", ""),
    "title": ("title_s", "n_title", "t:"),
    "issuer": ("issuer_s", "n_issuer", "i:"),
    "recipients": ("recipients_s", "n_recipients", "r:"),
    "people": ("people_s", "n_people", "p:"),
    "doc_number_text": ("number_s", "n_number", "n:"),
    "gazette_text": ("gazette_s", "n_gazette", "g:"),
}
MAX_LEXEME = 2000      # bytes: PostgreSQL refuses longer lexemes
MAX_TSVECTOR = 900_000  # bytes: a tsvector holds at most 1 MB


def tokens(text: str) -> list[tuple[str, bool]]:
    """(token, is_han) of a text."""
    return [(han or alnum or sym, bool(han)) for han, alnum, sym in fold_runs(text or "")]


def token_string(text: str) -> str:
    return "".join(OPEN + tok + CLOSE for tok, _ in tokens(text))


def needle(text: str) -> str:
    """What a query string's token string is inside a text's: a Han run at either end may be
    part of a longer run ("" if the string has no token)."""
    toks = tokens(text)
    if not toks:
        return ""
    out = token_string(text)
    if toks[0][1]:
        out = out[1:]
    if toks[-1][1]:
        out = out[:-1]
    return out


TF_BITS = 16  # a word's count in a document is written in this many bits (at most 65,535)


def word_prefix(word: str) -> str:
    return f"{WORD}{word}#"


def word_lexemes(words: list[str]) -> set[str]:
    """A document's words, each with its count in binary: one lexeme per bit set."""
    from collections import Counter

    out = set()
    for word, tf in Counter(words).items():
        tf = min(tf, (1 << TF_BITS) - 1)
        out.update(f"{word_prefix(word)}{bit}" for bit in range(TF_BITS) if tf >> bit & 1)
    return out


def field_grams(text: str) -> tuple[str, int, set[str]]:
    """(token string, length in grams, grams) of a field's text."""
    grams = analyse(text, None)[1] if text else {}
    return token_string(text), sum(len(p) for p in grams.values()), set(grams)


def quote(lexeme: str) -> str:
    """A lexeme quoted for tsvector/tsquery input (parsed by PostgreSQL, never run as SQL)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(lexemes: set[str]) -> tuple[str, bool]:
    """(tsvector text, complete): lexemes too long are left out; if the whole would be too
    big, none are kept and `complete` is False (such a document is always checked)."""
    kept = [lx for lx in lexemes if len(lx.encode("utf-8")) <= MAX_LEXEME]
    text = " ".join(quote(lx) for lx in sorted(kept))
    if len(text.encode("utf-8")) > MAX_TSVECTOR:
        return "", False
    return text, len(kept) == len(lexemes)


def tsquery(prefix: str, grams: list[tuple[str, int, bool]]) -> str:
    """The tsquery of the grams a string needs (AND; a lone character matches any gram it starts)."""
    parts = sorted({quote(prefix + g) + (":*" if is_prefix else "") for g, _, is_prefix in grams})
    return " & ".join(parts)
