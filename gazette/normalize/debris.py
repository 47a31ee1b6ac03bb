"""Steps that remove debris left by converters: compatibility code points, markup, LaTeX, web pages."""
from __future__ import annotations

import re
import unicodedata

from ..model import Line
from . import Context


def substitute(lines: list[Line], ctx: Context, pattern: re.Pattern, repl, rule: str,
               needs: tuple[str, ...] = ()) -> list[Line]:
    """Apply a regex substitution to every line, recording each changed span.  `needs`: strings
    of which a line must hold one for `pattern` to match in it (a text holding none is passed over)."""
    if needs:
        text = "\n".join(l.text for l in lines)
        if not any(n in text for n in needs):
            return lines
    for line in lines:
        if not pattern.search(line.text):
            continue
        pieces: list[tuple[str, str]] = []

        def _sub(m: re.Match) -> str:
            fixed = repl(m) if callable(repl) else m.expand(repl)
            pieces.append((m.group(0), fixed))
            return fixed

        line.text = pattern.sub(_sub, line.text)
        for raw, fixed in pieces:
            if raw != fixed:
                ctx.correct(line, raw, fixed, rule)
    return lines


# --- 1. compatibility characters -------------------------------------------------------------
_COMPAT = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


def fold_compat_chars(lines: list[Line], ctx: Context) -> list[Line]:
    """Kangxi radicals and CJK compatibility ideographs → the ordinary characters (NFKC)."""
    return substitute(lines, ctx, _COMPAT, lambda m: unicodedata.normalize("NFKC", m.group(0)), "compat-chars")


# --- pinyin a mirror site prints after characters: 發(fā), 關(guān) --------------------------------
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]{1,7}[)）]")


def drop_pinyin_annotations(lines: list[Line], ctx: Context) -> list[Line]:
    """``龍子湖區(qū)`` → ``龍子湖區``: a pinyin reading in brackets after a character (it always
    carries a tone mark; a plain bracketed word is left alone)."""
    def fix(m: re.Match) -> str:
        return "" if re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňḿ]", m.group(0)) else m.group(0)

    return substitute(lines, ctx, _PINYIN, fix, "pinyin", needs=("(", "（"))


# --- 2. markup ---------------------------------------------------------------------------------
_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)(?!\d{1,4}\s*[-*+]?\s*$)")  # (not a page number '- 1 -')
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_MD_IMAGE = re.compile(r"!\[[^\]]{0,200}\]\([^)]{0,500}\)\s*\|?")


_FENCE = re.compile(r"^\s*(?::{3}.*|\[\[toc\]\])\s*$", re.I)   # a static-site container ':::warning', '[[toc]]'
_FRONT_KEY = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")


def strip_front_matter(lines: list[Line], ctx: Context) -> list[Line]:
    """A markdown file's YAML front matter (between '---' lines at the top) goes to the metadata;
    static-site containers (':::warning', '[[toc]]') go."""
    content = [k for k, l in enumerate(lines) if l.text.strip()]
    drop: set[int] = set()
    if content and lines[content[0]].text.strip() == "---":
        end = next((k for k in content[1:40] if lines[k].text.strip() == "---"), None)
        if end is not None:
            key = None
            for k in range(content[0], end + 1):
                m = _FRONT_KEY.match(lines[k].text)
                if m and m["key"] == "title" and m["value"].strip():  # the document's heading
                    title = m["value"].strip().strip("'\"")
                    ctx.correct(lines[k], lines[k].text.strip(), title, "markdown")
                    lines[k].text = title
                    continue
                if m:
                    key = m["key"]
                    if m["value"].strip():
                        ctx.metadata.setdefault(key, m["value"].strip().strip("'\""))
                elif key and lines[k].text.strip().startswith("- ") and key not in ctx.metadata:
                    ctx.metadata[key] = lines[k].text.strip()[2:].strip()
                drop.add(k)
    drop |= {k for k in content if _FENCE.match(lines[k].text)}
    for k in sorted(drop):
        if lines[k].text.strip():
            ctx.correct(lines[k], lines[k].text.strip(), "", "markdown")
    return [l for k, l in enumerate(lines) if k not in drop]


def strip_markup(lines: list[Line], ctx: Context) -> list[Line]:
    """DOCX bookmarks, markdown bullets/bold/headings."""
    import html

    substitute(lines, ctx, _HTML_ENTITY, lambda m: html.unescape(m.group(0)).replace("\u2003", "\u3000"), "markdown",
               needs=("&",))
    for pattern, rule, needs in ((_BOOKMARK, "docx-bookmark", ("[bookmark:",)), (_MD_IMAGE, "markdown", ("![",)),
                                 (_MD_BULLET, "markdown", ("-", "*", "+")), (_MD_BOLD, "markdown", ("**", "__")),
                                 (_MD_HEADING, "markdown", ("#",))):
        substitute(lines, ctx, pattern, "", rule, needs)
    return lines


# --- 3. LaTeX ----------------------------------------------------------------------------------
LATEX_SYMBOLS = {r"\geq": "≥", r"\geqslant": "≥", r"\ge": "≥", r"\leq": "≤", r"\leqslant": "≤", r"\le": "≤",
                 r"\times": "×", r"\div": "÷", r"\pm": "±", r"\sim": "～", r"\cdot": "·", r"\neq": "≠",
                 r"\approx": "≈", r"\%": "%", r"\degree": "°", r"\circ": "°", r"\rightarrow": "→"}
_LATEX_CMD = re.compile(r"\\(?:geqslant|leqslant|geq|leq|ge|le|times|div|pm|sim|cdot|neq|approx|degree|circ|rightarrow)(?![A-Za-z])|\\%")
_LATEX_MATH = re.compile(r"\$([^$\n]{1,80})\$")


def _latex_inner(text: str) -> str:
    text = _LATEX_CMD.sub(lambda m: LATEX_SYMBOLS[m.group(0)], text)
    text = re.sub(r"\\(?:mathrm|text|textbf|mathbf)\{([^}]*)\}", r"\1", text)
    return re.sub(r"\s+", "", text)


def latex_to_text(lines: list[Line], ctx: Context) -> list[Line]:
    """``$\\geq 90\\%$`` → ``≥90%``; bare ``\\geq`` → ``≥``."""
    substitute(lines, ctx, _LATEX_MATH, lambda m: _latex_inner(m.group(1)), "latex", needs=("$",))
    return substitute(lines, ctx, re.compile(r"(?:" + _LATEX_CMD.pattern + r")\s?"),
                      lambda m: LATEX_SYMBOLS[m.group(0).rstrip()], "latex", needs=("\\",))


# --- 4. an English 'and' between Chinese words ---------------------------------------------------
_AND = re.compile(r"(?<=[\u4e00-\u9fff])\s*\band\b\s*(?=[\u4e00-\u9fff])")


def english_and(lines: list[Line], ctx: Context) -> list[Line]:
    """``企业 and 群众`` → ``企业和群众`` (a converter translated 和)."""
    return substitute(lines, ctx, _AND, "和", "english-and", needs=("and",))


# --- lines without a word: '|', '———', '* * *' -------------------------------------------------------
_WORDLESS = re.compile(r"^[\W_]+$")


_CLOSING = re.compile(r"^[)）」』”’》〕\]】。，、；：！？:;,!?]+$")


# --- a forum's anti-copying junk: short runs of ASCII strewn between the words ------------------
# ('& L. [" f: o0 _, Y( T* [3 n关于…的通知9 x0 G- Z!'): four or more tokens of one or two ASCII
# characters, at a Chinese text's edge, two of them or more holding punctuation (a table's
# numbers '12 34 56 78' hold none)
_JAMMER = re.compile(r"(?:(?<=[\u4e00-\u9fff。，：])|^)[ \t]*(?:[\x21-\x7e]{1,2}[ \t]+){3,}[\x21-\x7e]{1,2}[ \t]*(?=[\u4e00-\u9fff]|$)")


def _jammer(m: re.Match) -> str:
    tokens = m.group(0).split()
    return "" if sum(1 for t in tokens if re.search(r"[^A-Za-z0-9]", t)) >= 2 else m.group(0)


_JAMMER_HINT = re.compile(r"[\x21-\x7e] [\x21-\x7e]{1,2} [\x21-\x7e]{1,2} ")


def drop_jammer(lines: list[Line], ctx: Context) -> list[Line]:
    """Strip a forum's anti-copying junk from the lines it is strewn through."""
    if not any(_JAMMER_HINT.search(l.text) for l in lines):
        return lines  # (no run of short ASCII tokens anywhere: the common case)
    return substitute(lines, ctx, _JAMMER, _jammer, "jammer")


# --- an English rendering of a Chinese text (a bilingual page, a site's machine translation) -------
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = 6  # Latin words on a line without one Chinese character: an English line


def drop_english_lines(lines: list[Line], ctx: Context) -> list[Line]:
    """Lines of English in a Chinese text (the English of a bilingual page, a site's machine
    translation under each paragraph) are no document text; a text mostly in English is left."""
    english = [k for k, l in enumerate(lines) if not _HAN_CHAR.search(l.text)
               and len(_LATIN_WORD.findall(l.text)) >= ENGLISH_WORDS and "\t" not in l.text.strip()]
    if not english:
        return lines
    han = sum(len(_HAN_CHAR.findall(l.text)) for l in lines)
    latin = sum(len(_LATIN_WORD.findall(l.text)) for l in lines)
    if han < latin:  # (a Chinese character says about what an English word does)
        return lines
    for k in english:
        ctx.correct(lines[k], lines[k].text.strip(), "", "english-line")
    gone = set(english)
    return [l for k, l in enumerate(lines) if k not in gone]


# a rule drawn with characters, or a row of ornaments between documents ('＊　＊　＊')
RULE_LINE = re.compile(r"^[-—–─━_＿=＝~～*＊·•.\s]{6,}$|^(?:[*＊※☆★◆◇●○◎■□▲△♦❖]\s*){3,}$")


# a 文号 broken at the margin before its year: '…的批复……1　国函' over '〔2009〕159号'
_CODE_END = re.compile(r"(?:^|(?<=[\s\u3000\d…．.]))[\u4e00-\u9fff]{1,12}$")
_NUMBER_REST = re.compile(r"^[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,5}\s*号")  # ('〔2020〕第8号' stands alone)


def _number_rest(prev: str, text: str) -> bool:
    from .. import docnumber

    code = _CODE_END.search(prev.rstrip())
    return bool(code and _NUMBER_REST.match(text)) and (n := docnumber.parse(code.group(0) + text)) is not None \
        and n.code == code.group(0)


def drop_wordless_lines(lines: list[Line], ctx: Context) -> list[Line]:
    """A line with no letter, digit or character of any script (a stray table bar, a rule) holds
    nothing to read; one that only closes what the line above opened (a bracket, a sentence
    broken before its '）' or '。', a 文号 broken before its year) is that line's end, joined to it."""
    kept, ruled = [], False
    for line in lines:
        t = line.text.strip()
        if ruled and t:
            line.hints["rule_before"] = True  # a rule parts it from the line above: never joined to it
        ruled = ruled and not t
        rest = bool(kept) and kept[-1].no != line.no and "\t" not in line.text and _number_rest(kept[-1].text, t)
        if rest or t and _WORDLESS.match(t) and "\t" not in line.text and not line.hints.get("table"):
            if kept and (rest or _CLOSING.match(t)) and kept[-1].text.strip():
                prev = kept[-1]
                prev.text = prev.text.rstrip() + t
                if prev.printed is not None or line.printed is not None:
                    prev.printed = prev.shown.rstrip() + line.shown.strip()
                prev.last = line.last or line.no
                continue
            ctx.correct(line, t, "", "markup")
            ruled = bool(RULE_LINE.match(t))
            continue
        kept.append(line)
    return kept
