"""Steps that repair recognition errors: document-number form, OCR confusions, traditional characters.

OCR repairs are evidence-based: a confusion table (data/confusions.json) proposes candidates,
and the issue itself decides.  A document-number code is repaired only when the repaired code
is printed elsewhere in the same issue and the raw code is rarer there; where the issue has no
evidence, the text is left as it is and a warning names the suspicious token.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import docnumber
from ..model import Line
from . import Context
from .debris import substitute


confusions = docnumber.confusion_table


# letters OCR reads for digits inside a document number's year or serial: 2O21, 4O号, l2号
_DIGIT_LOOKALIKES = {"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1"}
_NUMBER_DIGITS = re.compile(
    rf"(?P<open>[{re.escape(docnumber.OPEN)}]\s*)(?P<year>[\dOolI〇]{{4}})(?P<mid>\s*[{re.escape(docnumber.CLOSE)}]\s*)"
    r"(?P<serial>[\dOolI]{1,5})(?P<end>\s*号)")


# an order's serial with letters read for digits: '某市人民政府令第l6号' (after 令第, before 号, only a digit stands)
_ORDER_DIGITS = re.compile(r"(?P<pre>令\s*第\s*)(?P<serial>(?=[\dOolI]{1,4}\s*号)[\dOolI]*[OolI][\dOolI]*)(?P<end>\s*号)")


# a year with one letter read for a digit (three real digits): '2O24年', '20l9年'
_YEAR_DIGITS = re.compile(r"(?<![A-Za-z0-9])(?P<year>(?=[\dOolI]{4}年)(?:\d*[OolI]\d*))(?P<nian>年)")


def repair_number_digits(lines: list[Line], ctx: Context) -> list[Line]:
    """Letters read for digits in a document number (〔2O21〕4O号 → 〔2021〕40号); only where the
    year and serial hold at least one real digit each, or the year is nearly all digits and the
    serial short (〔2019〕l号: between a bracket and 号 a letter can only be a digit)."""
    def fix(m: re.Match) -> str:
        year, serial = m["year"], m["serial"]
        if not (re.search(r"\d", year) and re.search(r"\d", serial)
                or sum(c.isdigit() for c in year) >= 3 and len(serial) <= 3):
            return m.group(0)
        digits = lambda s: "".join(_DIGIT_LOOKALIKES.get(c, c) for c in s)
        return m["open"] + digits(year) + m["mid"] + digits(serial) + m["end"]

    substitute([l for l in lines if "号" in l.text], ctx, _NUMBER_DIGITS, fix, "ocr-digits")
    return lines


def repair_line_digits(lines: list[Line], ctx: Context) -> list[Line]:
    """Letters read for digits where only a digit can stand, line by line (before running headers are
    compared and lines joined): an order's serial (令第l6号 → 令第16号), a year with one letter (2O24年)."""
    substitute([l for l in lines if "令" in l.text], ctx, _ORDER_DIGITS,
               lambda m: m["pre"] + "".join(_DIGIT_LOOKALIKES.get(c, c) for c in m["serial"]) + m["end"], "ocr-digits")

    def year(m: re.Match) -> str:
        fixed = "".join(_DIGIT_LOOKALIKES.get(c, c) for c in m["year"])
        return fixed + m["nian"] if 1900 <= int(fixed) <= 2099 else m.group(0)

    substitute([l for l in lines if "年" in l.text], ctx, _YEAR_DIGITS, year, "ocr-digits")
    return lines


# a document number that lost its closing bracket and 号, the year run into the serial: '某府征地公告〔20252'
_CUT_NUMBER = re.compile(r"^(?P<code>[\u4e00-\u9fff]{2,12})[〔\[［(（]\s*(?P<digits>\d{5,9})\s*$")


def repair_cut_numbers(lines: list[Line], ctx: Context) -> list[Line]:
    """A document number damaged so ('某府征地公告〔20252') is the number the same issue prints whole
    with that code, year and serial ('某府征地公告〔2025〕2号'); with no such evidence it is left."""
    cut = [l for l in lines if "号" not in l.text and _CUT_NUMBER.match(l.text.strip())]
    if not cut:
        return lines
    printed = {(n.code, f"{n.year}{n.serial}"): str(n) for l in lines if "号" in l.text for n, _ in docnumber.find_all(l.text)}
    for line in cut:
        m = _CUT_NUMBER.match(line.text.strip())
        if fixed := printed.get((m["code"], m["digits"])):
            ctx.correct(line, line.text.strip(), fixed, "ocr-cut-number")
            line.text = fixed
    return lines


# a TOC leader the recogniser reads as two or three dots ('·.·1', '· ·4') before a page, and a page
# run into the document number printed after it ('……10舞交字〔2017〕111号': no space is read)
_SHORT_LEADER = re.compile(r"(?<=[\u4e00-\u9fff》）)”])\s*(?P<dots>(?:[.．·•・…⋯]\s*){2,3})"
                           r"(?=[(（]?\d{1,3}[)）]?(?:\s|$|[\u4e00-\u9fff]))")
_PAGE_THEN_NUMBER = re.compile(r"(?<=[.．·•・…⋯])(?P<page>\d{1,3})(?=[\u4e00-\u9fff]{1,12}(?:[〔【\[［(（]\s*\d{4}\s*[〕】\]］)）]"
                               r"|令\s*第\s*\d{1,4}\s*号))")
# the issuing body in a column after the page, or a dash where none is named (read as 一), run into
# the page: '……2厦门市人民政府', '……4一' (not a count after an ellipsis: '……3个')
_PAGE_THEN_COLUMN = re.compile(r"(?<=[.．·•・…⋯]{2})(?P<page>\d{1,3})(?P<col>一$|(?![年月日号个次条款项元万亿名家期])"
                               r"[\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,30}$)")


def ocr_toc_leaders(lines: list[Line], ctx: Context) -> list[Line]:
    """In lines read by OCR: a leader read as two or three dots is a leader (……), and a page run
    into the document number or the issuer after it is set apart from it by a space.  (A leader of fewer than
    three dots, or a page with no space after it, is not taken for one in a text layer.)"""
    read = [l for l in lines if l.hints.get("ocr") is not None]
    substitute(read, ctx, _SHORT_LEADER,
               "……", "ocr-leader")
    substitute(read, ctx, _PAGE_THEN_NUMBER, lambda m: m["page"] + " ", "ocr-leader")
    substitute(read, ctx, _PAGE_THEN_COLUMN,
               lambda m: m["page"] + " " + ("—" if m["col"] == "一" else m["col"]), "ocr-leader")
    return lines


# an order's number read run into the title next to it, where print sets a space between them: after
# a title's 文种 ('…的通告渝府令第121号'), or before the title of the order it heads
# ('商务部令2007年第15号商业特许经营备案管理办法')
_TITLE_TYPES = "通知|通报|决定|意见|批复|办法|规定|公告|通告|报告|细则|条例|规则|命令|决议|名单"
_ORDER_NO = r"[\u4e00-\u9fff]{1,12}令\s*(?:\d{4}\s*年\s*)?第\s*\d{1,4}\s*号"
_TYPE_THEN_ORDER = re.compile(rf"(?<=[\u4e00-\u9fff]{{4}})(?P<type>{_TITLE_TYPES})(?P<order>{_ORDER_NO})(?![\u4e00-\u9fff])")
_ORDER_THEN_TITLE = re.compile(rf"^(?P<order>{_ORDER_NO})(?P<title>[\u4e00-\u9fff《》“”（）()、]{{4,60}}(?:{_TITLE_TYPES}))$")


def ocr_glued_orders(lines: list[Line], ctx: Context) -> list[Line]:
    """In lines read by OCR (the recogniser reads no space): an order's number and a title run
    together are set apart."""
    read = [l for l in lines if l.hints.get("ocr") is not None and "令" in l.text]
    substitute(read, ctx, _TYPE_THEN_ORDER, lambda m: m["type"] + " " + m["order"], "ocr-glued-order")
    substitute(read, ctx, _ORDER_THEN_TITLE, lambda m: m["order"] + " " + m["title"], "ocr-glued-order")
    return lines


# a page printed before a short heading of a contents page, read with no space ('1上级文件' for '1 上级文件';
# not a count or a date: '4个', '12月', '15家企业')
_PAGE_THEN_HEADING = re.compile(r"^(?P<page>\d{1,3})(?=(?![年月日号期条款项章节届次个件万亿元岁家名位人户所批种台辆吨亩])[\u4e00-\u9fff]{2,12}$)")


def ocr_page_before_heading(lines: list[Line], ctx: Context) -> list[Line]:
    """In lines read by OCR: a page run into the short heading after it is set apart."""
    read = [l for l in lines if l.hints.get("ocr") is not None and l.text[:1].isdigit()]
    substitute(read, ctx, _PAGE_THEN_HEADING, lambda m: m["page"] + " ", "ocr-page-heading")
    return lines


# a chronicle's day written month and day in figures ('422 我县…' for 4月22日), read with no space
_GLUED_MMDD = re.compile(r"^(?P<md>\d{3,4})(?=[\u4e00-\u9fff“《])(?![年月日号期个件万元岁])")


def _month_day(md: str) -> int | None:
    """The month of '422' or '1105' when it is a month and a day, else None."""
    for cut in (1, 2):
        m, d = int(md[:cut]), int(md[cut:])
        if len(md) - cut == 2 and 1 <= m <= 12 and 1 <= d <= 31 and (len(md) == 3 or md[0] == "1"):
            return m
    return None


def ocr_chronicle_days(lines: list[Line], ctx: Context) -> list[Line]:
    """In lines read by OCR: a line opened by a month and day in figures run into its text is set
    apart, where at least three lines open with days of one month (a chronicle, not a count)."""
    read = [(l, m) for l in lines if l.hints.get("ocr") is not None and (m := _GLUED_MMDD.match(l.text))]
    months = Counter(_month_day(m["md"]) for _, m in read)
    for line, m in read:
        month = _month_day(m["md"])
        if month is not None and months[month] >= 3:
            fixed = m["md"] + " " + line.text[m.end():]
            ctx.correct(line, line.text, fixed, "ocr-chronicle-day")
            line.text = fixed
    return lines


# the header row of a contents table read with no space between its cells ('文件名称页码发文机关')
_HEADER_WORDS = sorted(("栏目", "类别", "分类", "标题", "题目", "文件名称", "名称", "文号", "发文字号", "页码", "页次", "页",
                        "序号", "发文机关", "发文单位"), key=len, reverse=True)
_GLUED_HEADER = re.compile(rf"^(?:{'|'.join(_HEADER_WORDS)}){{2,6}}$")


def ocr_toc_header(lines: list[Line], ctx: Context) -> list[Line]:
    """In lines read by OCR: the header row of a contents table run together is set apart into
    its cells (the words of lineclass.TOC_COLUMN_HEADER)."""
    for line in lines:
        if line.hints.get("ocr") is not None and len(line.text) <= 24 and _GLUED_HEADER.match(line.text.strip()):
            fixed = " ".join(re.findall("|".join(_HEADER_WORDS), line.text))
            ctx.correct(line, line.text, fixed, "ocr-toc-header")
            line.text = fixed
    return lines


def canonical_doc_numbers(lines: list[Line], ctx: Context) -> list[Line]:
    """Every document number in canonical form: 〔〕, no spaces, no leading zeros."""
    substitute([l for l in lines if "号" in l.text], ctx, docnumber.DOC_NUMBER_RE,
               lambda m: str(docnumber.from_match(m)), "doc-number-form")
    return lines


def _candidates(code: str, known: Counter) -> list[tuple[str, bool]]:
    """Codes of the same length that differ from `code` in one character, where the
    difference is a listed OCR confusion or a doubled neighbour (济政政 for 济兖政);
    each with whether the difference is a doubling."""
    table = confusions()["chars"]
    found = []
    for i, ch in enumerate(code):
        options = set(table.get(ch, []))
        doubled = (i + 1 < len(code) and code[i + 1] == ch) or (i > 0 and code[i - 1] == ch)
        for cand in known:
            if len(cand) != len(code) or cand == code:
                continue
            if cand[:i] == code[:i] and cand[i + 1:] == code[i + 1:] and (cand[i] in options or doubled):
                found.append((cand, doubled))
    return found


def repair_doc_number_codes(lines: list[Line], ctx: Context) -> list[Line]:
    """济充政发〔2021〕6号 → 济兖政发〔2021〕6号 when the issue attests 济兖政… better than 济充政…;
    济政政字 → 济兖政字 likewise.  A code with a doubled character and no evidence gets a warning."""
    counts: Counter = Counter()
    first_line: dict[str, int] = {}
    in_header: set[str] = set()  # codes printed on a document's own number line
    for line in lines:
        for n, _m in docnumber.find_all(line.text):
            counts[n.code] += 1
            first_line.setdefault(n.code, line.no)
        if docnumber.is_doc_number_line(line.text):
            in_header.update(n.code for n, _m in docnumber.find_all(line.text))

    def _evidence(form: str, upto: int) -> tuple[int, bool, int]:
        """How well the issue attests a code: codes sharing its prefix through the doubtful character,
        whether it is printed on a document's own number line (the TOC is where misreadings cluster),
        how often it is printed."""
        family = sum(n for c, n in counts.items() if c.startswith(form[:upto]))
        return family, form in in_header, counts[form]

    def _better(k: str, code: str) -> bool:
        upto = next(i for i, (a, b) in enumerate(zip(k, code)) if a != b) + 1
        return _evidence(k, upto) > _evidence(code, upto)

    fixes: dict[str, str] = {}
    for code, c in counts.items():
        # a listed confusion needs better evidence for the right form; a doubling needs it printed at all
        ranked = sorted((k for k, doubled in _candidates(code, counts) if doubled or _better(k, code)),
                        key=lambda k: -counts[k])
        if ranked:
            fixes[code] = ranked[0]
        elif re.search(r"(.)\1", code):
            ctx.warn("ocr-suspect", f"document-number code '{code}' looks misread (doubled character) but the "
                                    "issue prints no similar code to repair it from; left as printed",
                     first_line[code])
    for code in fixes:  # a code repaired into another misread code goes on to the right one
        seen = {code}
        while fixes[code] in fixes and fixes[code] not in seen:
            seen.add(fixes[code])
            fixes[code] = fixes[fixes[code]]
    for line in lines:
        for n, m in reversed(docnumber.find_all(line.text)):
            if n.code in fixes:
                raw = str(n)
                fixed = str(docnumber.DocNumber(fixes[n.code], n.year, n.serial, n.di))
                line.text = line.text[:m.start("code")] + fixes[n.code] + line.text[m.end("code"):]
                ctx.correct(line, raw, fixed, "ocr-doc-number")
    return lines


def repair_words(lines: list[Line], ctx: Context) -> list[Line]:
    """Whole-word OCR misreadings (孽生 → 孳生), repaired when the right word occurs in the issue."""
    text = "\n".join(l.text for l in lines)
    for wrong, right in confusions()["words"].items():
        if wrong not in text:
            continue
        if right in text:
            substitute(lines, ctx, re.compile(re.escape(wrong)), right, "ocr-word")
        else:
            first = next(l for l in lines if wrong in l.text)
            ctx.warn("ocr-suspect", f"'{wrong}' may be an OCR error for '{right}'; the issue holds no evidence, "
                                    "left as printed", first.no)
    return lines


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    return opencc.OpenCC("t2s")


_HAN = re.compile("[\u4e00-\u9fff]")


def traditional_to_simplified(lines: list[Line], ctx: Context) -> list[Line]:
    """Traditional characters → simplified (OpenCC t2s): stray ones in simplified text one character
    at a time; a text that is traditional as a whole (a mirror site's conversion), or a run of lines
    that is (a document printed in traditional script inside a simplified issue), line by line, its
    printed form kept for the document's text."""
    conv = _t2s()
    if conv is None:
        return lines
    text = "".join(l.text for l in lines)
    converted = conv.convert(text)
    if converted == text:
        return lines
    changed = sum(1 for a, b in zip(text, converted) if a != b) if len(converted) == len(text) else len(text)
    han = len(text) - len(_HAN.sub("", text))
    whole = changed > 0.2 * max(han, 1) or len(converted) != len(text)
    same_length = len(converted) == len(text)  # then each line's part of the whole conversion: a phrase
    news, offset = [], 0                       # broken over two lines is read whole ('批' + '覆' → 批复)
    for line in lines:
        news.append(converted[offset:offset + len(line.text)] if same_length else conv.convert(line.text))
        offset += len(line.text)
    printed = range(len(lines)) if whole else _traditional_runs(lines, news)
    for k, (line, new) in enumerate(zip(lines, news)):
        if k in printed:
            line.printed = line.text
        if new == line.text:
            continue
        if k in printed or len(new) != len(line.text):
            ctx.correct(line, line.text.strip(), new.strip(), "traditional")
        else:
            for i, (a, b) in enumerate(zip(line.text, new)):
                if a != b:
                    lo, hi = max(0, i - 2), i + 3
                    ctx.correct(line, line.text[lo:hi], new[lo:hi], "traditional")
        line.text = new
    return lines


def _traditional_runs(lines: list[Line], news: list[str]) -> set[int]:
    """Indices of the lines in runs printed in traditional script: lines whose conversion changes a
    tenth of their Han characters or more, with at most three lines between them that change none,
    at least three such lines in a run and half of its lines with Han characters."""
    def kind(k: int) -> str:
        han = len(lines[k].text) - len(_HAN.sub("", lines[k].text))
        diff = sum(1 for a, b in zip(lines[k].text, news[k]) if a != b)
        return "none" if not han else "trad" if diff and diff >= 0.1 * han else "plain" if not diff else "stray"

    kinds = [kind(k) for k in range(len(lines))]
    out: set[int] = set()
    k = 0
    while k < len(lines):
        if kinds[k] != "trad":
            k += 1
            continue
        last, gap, j = k, 0, k + 1
        while j < len(lines) and gap <= 3 and kinds[j] != "stray":
            if kinds[j] == "trad":
                last, gap = j, 0
            elif kinds[j] == "plain":
                gap += 1
            j += 1
        run = range(k, last + 1)
        trad = sum(1 for i in run if kinds[i] == "trad")
        hans = sum(1 for i in run if kinds[i] != "none")
        if trad >= 3 and 2 * trad >= hans:
            out.update(run)
        k = last + 1
    return out
