"""Page furniture found from the text's own repetition: running headers and footers, page
numbers, section banners, whatever their wording.

A printed page repeats its furniture: the gazette's name and issue, a section banner, a pinyin
line, a page number.  Extracted text keeps them as lines that recur through the issue, often in the
middle of a sentence that runs on across the page break.  A line is furniture when its
digit-folded form (`临江政报 2020年第12期 ·3·` → `临江政报#年第#期·#·`) recurs and the recurrences
say so: the digits count pages, it cuts sentences in two, it names the gazette, it is a section
name of the TOC, or it stands first or last on its page.  Signatures, headings, dates and
document numbers recur too, and are never furniture.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .. import docnumber
from .. import lineclass as lc
from ..model import Line

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|[·•]\s*\d{1,4}\s*[·•]|[（(]\s*\d{1,4}\s*[)）]|"
                         r"第\s*(?:\d{1,4}|[一二三四五六七八九十百]{1,5})\s*[页版](?:\s*[,，/]?\s*共\s*\d+\s*[页版])?|\d{1,4}\s*/\s*\d{1,4}|[Pp]\.?\s*\d{1,4}|[〈<（(\-—]?\s*[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{1,3}\s*[〉>）)\-—]?)\s*$")
BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
GAZETTE_NAME = re.compile(rf"[\u4e00-\u9fff]{{2,30}}(?:{lc.GAZETTE_NAME_ENDS})")
PINYIN = re.compile(r"^[A-Z][A-Z\s·.,'-]{5,}$")
# what may follow the gazette's name in its running header: '2020年第12期', '第3期（总第87期）', a page
ISSUE_TAIL = re.compile(r"^(?:(?:\d{4}|[〇一二三四五六七八九]{4})年?)?(?:第[\d一二三四五六七八九十]{1,4}(?:[-—–、][\d一二三四五六七八九十]{1,4})?[期号])?"
                        r"(?:[（(]?总第?[\d-]+[期号][)）]?)?(?:[·•\-—–]*\d{0,4}[·•\-—–]*)$")
LEADER = re.compile(r"[.．…·•⋯_]{3,}")
# what a header prints after the issue and a bar: the page's section or document ('…第1期 | 政府令', '| 某府令第5号')
SECTION_AFTER = re.compile(r"[|｜/／]\s*[^\s|｜/／。；，,]{2,30}$")
BARE_SERIAL = re.compile(r"^[（(]?\s*第\s*(?:\d{1,5}|[〇零一二三四五六七八九十百千]{1,8})\s*号\s*[)）]?$")
SENTENCE_PUNCT = re.compile(r"[。；！？!?;，,]")
MAX_LEN = 48
RULE = "running-header"


@dataclass(frozen=True)
class Furniture:
    index: int
    reason: str   # page-number | running-header | section-banner | title-header


def fold_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _digits(text: str) -> tuple[int, ...]:
    return tuple(int(d) for d in re.findall(r"\d+", text)[:4])


def _never(text: str, following: str | None) -> bool:
    """Lines that recur because documents share them: headings, numbers, dates, signatures,
    recipients, attachment labels, a title's broken half."""
    t = text.strip()
    return bool(
        docnumber.parse(t) or LEADER.search(t) or lc.marker(t) or lc.ATTACHMENT_HEADING.match(t) or lc.ATTACHMENT_NOTE.match(t) or lc.is_date_line(t)
        or lc.is_doc_number_line(t) or lc.PUBLIC_NOTE.match(t) or lc.PRINT_LINE.match(t) or lc.MONTH_RE.match(t)
        or lc.MONTH_HEADING.match(t)
        or lc.DAY_MARKER.match(t) or lc.SAME_DAY.match(t) or t.endswith(("：", ":")) or "关于" in t
        or t.count("《") != t.count("》")  # a piece of a cited name broken over lines: text, never a header
        or BARE_SERIAL.match(t)  # '第7号' under an order's or a 公告's heading
        or (following is not None and _heads(following))
    )


def _heads(following: str) -> bool:
    """The next line shows this one heads something: a signature's date, a title's number or 题注."""
    f = following.strip()
    return bool(lc.is_date_line(f) or lc.is_doc_number_line(f) or lc.ORDER_SERIAL.match(f)
                or re.match(r"^[（(]\s*(?:\d{4}|[一二][〇零○OＯ一二三四五六七八九]{3})\s*年.*(?:通过|批准|公布|发布|修订|修正)", f))


def _cuts_sentence(lines: list[Line], idx: list[int], pos: int) -> bool:
    """The line stands between two pieces of one sentence."""
    if pos == 0 or pos + 1 >= len(idx):
        return False
    prev, nxt = lines[idx[pos - 1]].text.strip(), lines[idx[pos + 1]].text.strip()
    return len(prev) >= 15 and len(nxt) >= 6 and prev[-1] not in lc.TERMINAL and not lc.is_structural(nxt) \
        and not lc.is_title_like(prev) and not lc.is_heading(prev) and not re.search(r"[:：]", prev[:12])


def _page_edge(lines: list[Line], idx: list[int], pos: int) -> bool:
    """The line is the first or last content line of its page (where pages are known)."""
    page = lines[idx[pos]].page
    if page is None:
        return False
    before = lines[idx[pos - 1]].page if pos > 0 else None
    after = lines[idx[pos + 1]].page if pos + 1 < len(idx) else None
    return before != page or after != page


def _page_sequence(values: list[int]) -> bool:
    """Numbers that count pages: mostly rising by small steps."""
    if len(values) < 2:
        return False
    rising = sum(1 for a, b in zip(values, values[1:]) if 0 < b - a <= 3)
    return rising >= max(1, (len(values) - 1) * 0.6)


def find_furniture(lines: list[Line], *, protect: int = 0, back: int | None = None,
                   sections: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()) -> list[Furniture]:
    """Furniture among `lines` (indices), leaving the first `protect` lines (the cover) and the
    lines from `back` on (the colophon) alone."""
    back = len(lines) if back is None else back
    idx = [i for i, l in enumerate(lines) if l.text.strip()]
    pos_of = {i: p for p, i in enumerate(idx)}
    found: dict[int, str] = {}

    bare = [i for i in idx if protect <= i < back and BARE_NUMBER.match(lines[i].text) and not lines[i].hints.get("table")]
    if _page_sequence([int(lines[i].text) for i in bare]):
        found.update({i: "page-number" for i in bare})
    for i in idx:
        if protect <= i < back and PAGE_NUMBER.match(lines[i].text) and not lines[i].hints.get("table"):
            found[i] = "page-number"

    groups: dict[str, list[int]] = defaultdict(list)
    spared: dict[str, list[int]] = defaultdict(list)  # lines that head something (`_never`), by key
    for p, i in enumerate(idx):
        t = lines[i].text.strip()
        if i in found or len("".join(t.split())) > MAX_LEN or SENTENCE_PUNCT.search(t) or "\t" in t \
                or lines[i].hints.get("table"):
            continue
        following = lines[idx[p + 1]].text.strip() if p + 1 < len(idx) else None
        if protect <= i < back and _named_header("".join(t.split()), names):
            found[i] = "running-header"  # the gazette's name and issue (and whatever the page's header adds)
            continue
        if _never(t, following):
            spared[fold_key(t)].append(i)
            continue
        groups[fold_key(t)].append(i)

    for key, members in groups.items():
        reason = _group_reason(lines, idx, pos_of, key, members, sections, names, found)
        if reason == "running-header" and len(members) >= 2:
            members = members + spared.get(key, [])  # the header again, over a page's first title and number
        if reason:
            for i in members:
                if protect <= i < back:
                    found[i] = reason
    return [Furniture(i, r) for i, r in sorted(found.items())]


def _named_header(text: str, names) -> bool:
    """The gazette's own name, perhaps with the issue and what a header adds after a bar."""
    return any(n and text.startswith(n) and ISSUE_TAIL.match(SECTION_AFTER.sub("", text[len(n):])) for n in names)


def _group_reason(lines, idx, pos_of, key, members, sections, names, found) -> str | None:
    texts = ["".join(lines[i].text.split()) for i in members]
    text = texts[0]
    bracketed = lc.SECTION_LINE.match(text) if len(set(texts)) == 1 else None  # (a section counts no pages)
    if text in sections or (bracketed and bracketed["name"] in sections) or (len(members) >= 2 and lc.is_plain_section(text)):
        return "section-banner"
    if _named_header(text, names):
        return "running-header"  # the gazette's own name (and issue, and the page's section): furniture even once
    if len(members) < 2:
        return None
    if re.search(r"第[\d一二三四五六七八九十]{1,4}[期号]", text) and ISSUE_TAIL.match(text):
        return "running-header"  # the issue alone ('2008年第5期'), printed on the pages a name is not
    cuts = sum(_cuts_sentence(lines, idx, pos_of[i]) for i in members)
    edges = sum(_page_edge(lines, idx, pos_of[i]) for i in members)
    named = any(n and n in text for n in names) or bool(GAZETTE_NAME.search(text))
    counts = [_digits(t) for t in texts]
    # a header counts pages: a number that varies from one to the next and is a page's; a year varies
    # between titles ('2021年…' and '2006年…' starting two titles' second lines), never in a header
    counting = "#" in key and len(set(counts)) > 1 and len(members) >= 2 and all(
        len(set(c)) == 1 or max(c) < 1000 for c in zip(*counts))
    if named or PINYIN.match(lines[members[0]].text.strip()):
        return "running-header"
    if counting and (cuts or edges or _page_sequence([_digits(t)[-1] for t in texts])):
        return "running-header"
    if len(set(counts)) > 1 and not counting:
        return None  # lines alike but for numbers that count nothing
    # where the text keeps no pages, a printed page number marks the edge: a header stands on the same
    # side of it each time (an issuer's name over a page's first title, or a signature closing a
    # page, may stand beside one too, but not always on one side, nor over a title)
    sides = {_beside_page_number(idx, pos_of[i], found) for i in members if lines[i].page is None}
    if len(sides) == 1 and None not in sides and not any(
            pos_of[i] + 1 < len(idx) and lc.is_title_like(lines[idx[pos_of[i] + 1]].text.strip()) for i in members):
        edges += len(members)
    if cuts >= 2 or (cuts >= 1 and len(members) >= 3) or edges >= max(2, len(members) * 0.8):
        return "running-header"
    return None


def _beside_page_number(idx: list[int], pos: int, found: dict[int, str]) -> str | None:
    """"after" if the line right before it is a page number (or a footer found already, '— 第 2 页
    Page 2 —'), "before" if the line right after it is one, else None."""
    for q, side in ((pos - 1, "after"), (pos + 1, "before")):
        if 0 <= q < len(idx) and found.get(idx[q]) in ("page-number", "running-header"):
            return side
    return None


def title_headers(lines: list[Line], found: list[Furniture], titles: list[str], after: int) -> list[Furniture]:
    """Running headers that repeat the title of the page's document (a TOC title printed again
    right after a page's number, where the document itself printed it further up)."""
    from ..parsers.evidence import title_key

    keys = {title_key(t) for t in titles if t and len(title_key(t)) >= 8}
    pages = {f.index for f in found if f.reason in ("page-number", "running-header")}
    seen: set[str] = set()  # titles printed already (over one line or several)
    recent: list[str] = []
    out = []
    prev = None  # the last line with text
    text_before = ""  # the last line of text before the page's number
    idx = [i for i in range(after, len(lines)) if lines[i].text.strip()]
    for n, i in enumerate(idx):
        key = title_key(lines[i].text)
        after_number = prev in pages and i not in pages
        if after_number and (key in seen or _short_title(key, keys, seen, text_before,
                                                        lines[idx[n + 1]].text if n + 1 < len(idx) else "")):
            out.append(Furniture(i, "title-header"))  # (never cut from other lines as a glued header)
            continue
        if i not in pages:
            text_before = lines[i].text.strip()
        recent = (recent + [key])[-6:]
        joined = "".join(recent)
        seen.update(k for k in keys if k in joined)
        prev = i
    return out


def _short_title(key: str, keys: set[str], seen: set[str], before: str, nxt: str) -> bool:
    """A line after a page's number that gives a document's title shortened (its characters in
    order, not the title's own words in a row: '转发某办公室紧急通知'), or a part of the title
    being read that stands in a sentence the page broke ('《某某工作' / header / '要点》已经…')."""
    if len(key) < 8:
        return False
    if any(key not in k and _in_order(key, k) for k in keys):
        return True
    cut = len(before) >= 6 and before[-1] not in lc.TERMINAL and not lc.is_date_line(before) \
        and bool(nxt.strip()) and not lc.is_structural(nxt.strip()) and not lc.is_title_like(nxt.strip())
    return cut and any(key in k for k in seen)


def _in_order(short: str, full: str) -> bool:
    """Every character of `short` occurs in `full`, in order."""
    rest = iter(full)
    return all(c in rest for c in short)


def bracketed_sections(lines: list[Line]) -> frozenset[str]:
    """Section names printed in 【】 (a TOC's sections, without the TOC having been read)."""
    return frozenset("".join(m["name"].split()) for l in lines if (m := lc.TOC_SECTION.match(l.text.strip())))


def drop(lines: list[Line], found: list[Furniture], ctx, protect: int = 0) -> list[Line]:
    """`lines` without the furniture found; each dropped line is recorded (rule running-header).
    A running header glued to either end of a text line (a page break lost in extraction) is cut
    from it too."""
    gone = {f.index for f in found}
    for i in sorted(gone):
        ctx.correct(lines[i], lines[i].text.strip(), "", RULE)
    kept = [l for i, l in enumerate(lines) if i not in gone]
    headers = {lines[f.index].text.strip() for f in found if f.reason == "running-header"}
    # a header's page count may be any page's: '—— 某市公报 · 第3页 ——' glued where '第1页' stood
    patterns = {re.sub(r"\d+", r"\\d{1,4}", re.escape(h)) for h in headers
                if len(re.findall(r"[\u4e00-\u9fff]", h)) >= 5}
    glued = [re.compile(rf"^(?:{p})\s*(?=\S)|(?<=\S)\s*(?:{p})$") for p in sorted(patterns, key=len, reverse=True)]
    counted = _page_counters([lines[f.index].text.strip() for f in found])
    cover = {id(l) for l in lines[:protect]}  # the cover prints the name and issue as they are: no header glued there
    for line in kept if glued or counted else []:
        if id(line) not in cover and (m := _glued(line.text.strip(), glued, counted)):
            ctx.correct(line, m.group(0).strip(), "", RULE)
            line.text = (m.string[:m.start()] + m.string[m.end():]).strip()
    _cut_margin_notes(lines, gone, kept, cover, ctx)
    return kept


MARGIN_NOTE = re.compile(r"^([\u4e00-\u9fff]{2,6})\u3000+(?=\S)")


def _cut_margin_notes(lines: list[Line], gone: set[int], kept: list[Line], cover: set[int], ctx) -> None:
    """Margin notes read into the text: where half the pages or more (two at least) begin with a short
    label before a full-width space ('通知　…'), those labels are cut wherever they begin a line so
    (the document's first page has no page number over it)."""
    starts = [lines[i + 1] for i in sorted(gone) if i + 1 < len(lines) and i + 1 not in gone]
    labels = [m[1] for l in starts if (m := MARGIN_NOTE.match(l.text.strip())) and not lc.marker(l.text.strip())]
    notes = set(labels) if len(labels) >= 2 and 2 * len(labels) >= len(starts) else set()
    for line in kept if notes else []:
        m = MARGIN_NOTE.match(line.text.strip())
        if m and m[1] in notes and id(line) not in cover:
            ctx.correct(line, m.group(0), "", "margin-note")
            line.text = line.text.strip()[m.end():]


def _glued(text: str, glued: list[re.Pattern], counted: list[tuple[re.Pattern, set[int]]]) -> re.Match | None:
    """The running header glued to an end of `text`, or a bare page number glued there that is the
    one missing from its run of pages ('【2】' where 【1】 and 【3】 stand alone)."""
    for pattern in glued:
        if m := pattern.search(text):
            return m
    for pattern, pages in counted:
        m = pattern.search(text)
        n = int(re.search(r"\d+", m.group(0)).group()) if m else None
        if n is not None and n not in pages and min(pages) - 1 <= n <= max(pages) + 1:
            return m
    return None


def _page_counters(texts: list[str]) -> list[tuple[re.Pattern, set[int]]]:
    """For the furniture lines that are a page number alone in some dress ('【1】', '-3-'): a pattern
    of that dress glued to either end of a line, and the page numbers printed alone."""
    dresses: dict[str, set[int]] = defaultdict(set)
    for t in texts:
        if len(re.findall(r"\d+", t)) == 1 and len(re.findall(r"[\u4e00-\u9fff]", t)) <= 2 and not BARE_NUMBER.match(t):
            dresses[re.sub(r"\d+", "#", "".join(t.split()))].add(int(re.search(r"\d+", t).group()))
    out = []
    for dress, pages in dresses.items():
        if len(pages) >= 2:
            p = "\\s*".join(re.escape(c) if c != "#" else r"\d{1,4}" for c in dress)
            out.append((re.compile(rf"^(?:{p})\s*(?=\S)|(?<=\S)\s*(?:{p})$"), pages))
    return out


def drop_furniture(lines: list[Line], ctx, *, protect: int = 0, sections: frozenset[str] = frozenset(),
                   names: frozenset[str] = frozenset()) -> list[Line]:
    """`lines` without their furniture (banners included)."""
    return drop(lines, find_furniture(lines, protect=protect, sections=sections, names=names), ctx, protect)


def keys_of(ctx) -> frozenset[str]:
    """Folded forms of the furniture dropped so far (to notice an occurrence left in a body)."""
    return frozenset(fold_key(c.raw) for c in ctx.corrections if c.rule == RULE and not PAGE_NUMBER.match(c.raw)
                     and not BARE_NUMBER.match(c.raw))
