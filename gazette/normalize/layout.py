"""Steps that undo layout: running headers, page numbers, letter-spacing, broken lines."""
from __future__ import annotations

import re

from .. import lineclass as lc
from ..model import Line
from . import Context

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|[·•]\s*\d{1,4}\s*[·•]|[（(]\s*\d{1,4}\s*[)）]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|"
                         r"\d{1,4}\s*/\s*\d{1,4})\s*$")


def _content(lines: list[Line]) -> list[int]:
    return [i for i, l in enumerate(lines) if l.text.strip()]


GAZETTE_WORDS = ("公报", "政报")
# what follows the gazette's name in a running header: '2020年第12期', '第3期（总第87期）'
ISSUE_TAIL = re.compile(r"^(?:\d{4}\s*年\s*)?第\s*\d{1,3}(?:\s*[-—–]\s*\d{1,3})?\s*期(?:\s*[（(]\s*总第\s*[\d-]+\s*期\s*[)）])?$")


def _header_text(text: str, headers: set[str]) -> bool:
    """A running header: a TOC section name or the gazette's name, alone or followed by the issue."""
    t = re.sub(r"[ \u3000]+", "", text)
    return t in headers or any(t.startswith(h) and ISSUE_TAIL.match(t[len(h):]) for h in headers
                               if h.endswith(GAZETTE_WORDS))


def drop_running_headers(lines: list[Line], ctx: Context) -> list[Line]:
    """Page-number lines, and a repeated header (a TOC section name or the gazette's name) left
    in the middle of a sentence: the line before it does not end a sentence."""
    idx = _content(lines)
    headers = {m.group("name").replace(" ", "") for l in lines if (m := lc.TOC_SECTION.match(l.text.strip()))}
    headers |= {l.text.strip() for l in lines if l.text.strip().endswith(GAZETTE_WORDS) and len(l.text.strip()) <= 30}
    drop: set[int] = set()
    for pos, i in enumerate(idx):
        text = lines[i].text.strip()
        if PAGE_NUMBER.match(text):
            drop.add(i)
            continue
        if _header_text(text, headers) and 0 < pos < len(idx) - 1:
            prev = lines[idx[pos - 1]].text.rstrip()
            nxt = lines[idx[pos + 1]].text.strip()
            if prev and prev[-1] not in lc.TERMINAL and not lc.is_structural(nxt) and not lc.is_title_like(prev):
                drop.add(i)
    for i in sorted(drop):
        ctx.correct(lines[i], lines[i].text.strip(), "", "running-header")
    return [l for i, l in enumerate(lines) if i not in drop]


_HAN = "\u4e00-\u9fff"
# two or more single Han characters separated by spaces: 实 施 方 案, 总 则, 刘 建, 目 录
_SPACED = re.compile(rf"(?<![{_HAN}])[{_HAN}](?:[ \u3000]{{1,3}}[{_HAN}])+(?![{_HAN}])")


def close_letter_spacing(lines: list[Line], ctx: Context) -> list[Line]:
    """Letter-spaced headings and names padded to three characters are closed up."""
    def fix(m: re.Match) -> str:
        return re.sub(r"[ \u3000]+", "", m.group(0))

    for line in lines:
        if "\t" in line.text:  # table cells: close up inside each cell only
            cells = [_SPACED.sub(fix, c) for c in line.text.split("\t")]
            new = "\t".join(cells)
        else:
            new = _SPACED.sub(fix, line.text)
        if new != line.text:
            ctx.correct(line, line.text.strip(), new.strip(), "letter-spacing")
            line.text = new
    return lines


def _keeps_own_line(text: str, hints: dict) -> bool:
    """A line after which nothing is joined: it ends a sentence or is a unit of its own."""
    t = text.strip()
    return bool(
        not t or t[-1] in lc.TERMINAL or "\t" in t or hints.get("table") or lc.is_heading(t)
        or lc.is_title_like(t) or _short_unit(t) or t.isdigit()
        or (lc.title_ending(t) and not any(c in t for c in lc.SENTENCE_PUNCT))
        or (lc.COLOPHON.search(t) and len(t) <= 40)
    )


def _short_unit(text: str) -> bool:
    """Structural lines that are whole units (dates, doc numbers, month headings, labels)."""
    t = text.strip()
    return bool(lc.is_date_line(t) or lc.MONTH_RE.match(t) or lc.is_doc_number_line(t) or lc.TOC_SECTION.match(t)
                or lc.ATTACHMENT_HEADING.match(t) or lc.PUBLIC_NOTE.match(t) or lc.PRINT_LINE.match(t)
                or lc.TOC_HEADING.match(t) or lc.ORDER_TITLE.match(t) or lc.ORDER_SERIAL.match(t) or lc.TOC_LINE_END.search(t))


def _title_fragment(text: str) -> bool:
    """The first line of a title printed over several lines: short, no punctuation at all."""
    t = text.strip()
    return len(t) <= 40 and not re.search(r"[，。；：:、,;!?！？《》“”()（）]", t) \
        and not lc.NAME_ENTRY.match(t) and not lc.is_structural(t)


def _title_head(text: str) -> bool:
    """The first line of a 关于 title broken before its ending; unlike a plain fragment it may hold
    quotes, 、 and 《》 ('…关于开展“双随机、一公开”' over '抽查工作的通知')."""
    t = text.strip()
    return "关于" in t and len(t) <= 60 and not re.search(r"[，。；：:,;!?！？]", t) \
        and lc.title_ending(t) is None and not lc.is_structural(t)


def _starts_own_line(text: str, hints: dict, prev: str) -> bool:
    t = text.strip()
    return (lc.is_structural(t) or "\t" in t or bool(hints.get("table")) or bool(hints.get("page_break"))
            or (lc.is_title_like(t) and len(t) <= 60 and not _title_fragment(prev))
            or bool(lc.COLOPHON.search(t)) and len(t) <= 40)


def _is_signature(text: str, following: str | None) -> bool:
    """An issuer line: short, no punctuation, and a date on the next line."""
    return bool(following and lc.is_date_line(following) and len(text) <= 40
                and not any(c in text for c in lc.SENTENCE_PUNCT))


def _list_entry_then_sentence(prev: str, text: str) -> bool:
    """A member-list entry (刘守全 区发展和改革委员会副局长) is not continued by a sentence."""
    return bool((lc.NAME_ENTRY.match(prev) or lc.NAME_LABEL.match(prev))
                and any(c in text for c in lc.SENTENCE_PUNCT))


def join_broken_lines(lines: list[Line], ctx: Context) -> list[Line]:
    """Join a line to the previous one when the previous ends mid-sentence; drop blank lines."""
    content = [l for l in lines if l.text.strip()]
    for l in content:  # table rows keep their empty edge cells: strip spaces, never tabs
        l.text = l.text.strip(" \u3000\r\n") if "\t" in l.text else l.text.strip()
    out: list[Line] = []
    for k, line in enumerate(content):
        text = line.text
        following = content[k + 1].text.strip() if k + 1 < len(content) else None
        if out:
            prev = out[-1]
            centred_change = bool(prev.hints.get("centered")) != bool(line.hints.get("centered"))
            title_rest = _title_head(prev.text) and lc.is_title_like(text) and not lc.is_structural(text)
            section_heading = lc.is_plain_section(prev.text) and (
                "关于" in text or lc.is_title_like(text) or bool(lc.TOC_LINE_END.search(text)))
            title_begins = _title_head(text) and following is not None and lc.is_title_like(following) \
                and not _title_fragment(prev.text)  # an issuer line over '关于…' stays with it
            apart = centred_change or title_begins or section_heading or _keeps_own_line(prev.text, prev.hints) \
                or _starts_own_line(text, line.hints, prev.text) or _is_signature(text, following) \
                or _list_entry_then_sentence(prev.text, text)
            if title_rest or not apart:
                sep = " " if prev.text[-1:].isascii() and text[:1].isascii() and prev.text[-1:].isalnum() \
                    and text[:1].isalnum() else ""
                prev.text = prev.text.rstrip() + sep + text
                prev.last = line.last or line.no
                continue
        out.append(Line(no=line.no, text=text, page=line.page, hints=dict(line.hints), last=line.last))
    return out
