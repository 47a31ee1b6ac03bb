"""Parsers: loaded lines → an `Issue` (masthead, TOC, documents and their parts).

The stages, and what each guarantees to the next:

1. **clean** (`normalize.clean`): line by line, nothing joined (but a lone closing `）` or `。`) — compatibility characters, pinyin
   annotations, traditional script, web metadata and chrome, markup, LaTeX, letter-spacing; no
   blank lines.
2. **furniture** (`normalize.furniture`): running headers, footers, page numbers and section
   banners found from their recurrence in this text are gone (the cover is left alone).
3. **front and back** (`toc`, `masthead`): the TOC is found from evidence — entries carry page
   numbers or their titles are printed again in the body — and held as groups of its own lines;
   the trailing colophon block is set apart.  Neither is joined.
4. **join** (`normalize.layout`): in the body only, broken lines are joined; a title the TOC lists
   is joined into one line and nothing is joined to it.
5. **repair** (`normalize.repair`): document-number forms and OCR confusions, from evidence
   across the whole issue; then the TOC entries are read from their (repaired) lines.
6. **documents** (`split`, `header`): an ordered registry of "a document starts here" rules,
   confirmed by the TOC; the fields of each document.
7. **reconcile, records, self-check**: TOC ↔ documents, structure records, and warnings where
   the issue's own evidence disagrees.
"""
from __future__ import annotations

import re

from ..lineclass import SECTION_LINE, is_title_like
from ..model import Document, Issue, Line, Source, Warning
from ..normalize import Context as NormContext
from ..normalize import clean, furniture, layout, repair, web
from . import masthead, reconcile, selfcheck, split, toc
from .evidence import KeyIndex, TitleIndex, title_key
from .header import build_document, is_issuer_mark, kind_by_number


def parse_issue(lines: list[Line], source: Source, *, metadata: dict | None = None) -> Issue:
    """Parse loaded lines into an issue (pure: same lines, same result)."""
    ctx = NormContext(metadata=dict(metadata or {}))
    text = clean(lines, ctx)
    issue = Issue(source=source, metadata=ctx.metadata)
    if not text:
        issue.corrections, issue.warnings = ctx.corrections, list(ctx.warnings)
        issue.warnings.append(Warning("empty", "no text after normalisation"))
        return issue

    cover = masthead.cover_end(text)
    found = furniture.find_furniture(text, protect=cover, back=masthead.colophon_start(text),
                                     sections=furniture.bracketed_sections(text),
                                     names=frozenset(masthead.names_in(text[:cover + 1])))
    headers = {f.index for f in found if f.reason == "running-header"}
    region = toc.find_toc(text, TitleIndex(text, skip=frozenset(headers)), skip=headers)
    in_toc = range(region.start, region.end) if region else range(0)
    if region:
        found += furniture.title_headers(text, found, region.titles(), after=region.end)
    # page numbers printed on their own line are the TOC's own; headers and banners go everywhere
    drop = [f for f in found if f.reason != "section-banner" and (f.index not in in_toc or f.index in headers)]
    banners = {id(text[f.index]) for f in found if f.reason == "section-banner" and f.index not in in_toc}
    kept = _kept_positions(len(text), {f.index for f in drop})
    text = furniture.drop(text, drop, ctx, protect=cover)
    front_end = kept[region.end] if region and not region.back else 0
    head_end = kept[region.start] if region and not region.back else None
    sections = frozenset(region.sections()) if region else frozenset()
    listed = frozenset(k for k in (region.titles() if region else []) if k)
    text, marks = _drop_banners(text, front_end, sections, banners, ctx, listed)
    back = masthead.colophon_start(text, front_end)
    if region and region.back:  # the TOC closes the issue: the documents end where it begins
        back = min(back, kept[region.start])
    titles = KeyIndex([t for t in (region.titles() if region else []) if t])
    body = layout.join_broken_lines(text[front_end:back], ctx, titles=titles if region else None)
    marks = _remap_marks(marks, text[front_end:back], body)
    clean_lines = repair(text[:front_end] + body + text[back:], ctx)
    issue.corrections = ctx.corrections
    issue.warnings = list(ctx.warnings)
    body_begin, back = front_end, front_end + len(body)
    if region:
        issue.toc = toc.build_entries(region)

    starts = split.find_starts(clean_lines, issue.toc, body_begin, back, marks={k + body_begin: v for k, v in marks.items()})
    if head_end is None:
        head_end = starts[0].first if starts else body_begin
    if not starts and body_begin < back and masthead.is_cover(clean_lines[body_begin:back]):
        head_end = back  # the text is a cover and nothing else: masthead lines, the name in pieces
    front_lines = clean_lines[:head_end]
    if region and starts:  # a masthead printed among or under the TOC's lines, before the first document
        listed = {l.no for g in region.groups for l in g.lines}
        front_lines = [l for l in clean_lines[:starts[0].first] if l.no not in listed]
    front = masthead.read_front(front_lines)
    issue.gazette = masthead.merge(front, masthead.read_masthead(clean_lines[back:]))
    if issue.gazette.name is None:  # the name the running headers print
        issue.gazette.name = masthead.header_name([c.raw for c in ctx.corrections if c.rule == "running-header"])
    if not starts and body_begin < back <= head_end:
        issue.warnings.append(Warning("no-documents", "the text is a cover: it holds no documents",
                                      clean_lines[body_begin].no))
    elif not starts and body_begin < back:
        issue.kind = "single_document"
        issue.warnings.append(Warning("no-documents", "no document title found; the text is kept as one document",
                                      clean_lines[body_begin].no))
        starts = [split.fallback_start(clean_lines, body_begin, back)]
    elif not starts:
        issue.warnings.append(Warning("no-documents", "no text after the front matter: the issue holds no documents",
                                      clean_lines[-1].no))
    issue.documents = _without_second_renderings(_documents(clean_lines, starts, back, issue), issue)
    _classify(issue)
    issue.warnings += reconcile.reconcile(issue.toc, issue.documents, issue.corrections)
    _enrich(issue)
    issue.warnings += selfcheck.check(issue, furniture_keys=furniture.keys_of(ctx))
    return issue


def _kept_positions(n: int, dropped: set[int]) -> list[int]:
    """For each index of a list of n (and n itself), its index once `dropped` are taken out."""
    out, k = [], 0
    for i in range(n + 1):
        out.append(k)
        if i < n and i not in dropped:
            k += 1
    return out


def _drop_banners(text: list[Line], front_end: int, sections: frozenset[str], banners: set[int],
                  ctx, listed: frozenset[str] = frozenset()) -> tuple[list[Line], dict[int, str]]:
    """Body lines that print a TOC section name (or recur as a section banner) are banners:
    dropped, their place kept as a mark (index of the line that followed, in the body) so that
    the splitter knows where a section begins."""
    kept: list[Line] = text[:front_end]
    marks: dict[int, str] = {}
    parted = False
    for line in text[front_end:]:
        marked = SECTION_LINE.match(line.text.strip())
        name = "".join((marked["name"] if marked else line.text).split())
        if (name in sections or id(line) in banners) and not _ends_title(kept[-1].text if kept else "", name, listed):
            if not marked and title_key(name) in listed and (marks.get(len(kept) - front_end) == name or name not in marks.values()):
                marks.setdefault(len(kept) - front_end, name)  # the title of the one document the TOC lists by its
                kept.append(line)                              # section's name, under the banner or as the banner
                continue
            ctx.correct(line, line.text.strip(), "", "running-header")
            marks.setdefault(len(kept) - front_end, name)
            parted = parted or bool(line.hints.get("rule_before"))
            continue
        if parted:
            line.hints["rule_before"] = True  # a rule over the banner parts what follows it too
            parted = False
        kept.append(line)
    return kept, marks


def _ends_title(prev: str, name: str, listed: frozenset[str] = frozenset()) -> bool:
    """A section named like a document type ('通告', '大事记') printed under a title's broken first
    lines is the title's last line, not a banner: a 关于 title, or one the TOC lists."""
    return not is_title_like(prev) and ("关于" in prev and is_title_like(prev + name) or title_key(prev + name) in listed)


def _remap_marks(marks: dict[int, str], before: list[Line], after: list[Line]) -> dict[int, str]:
    """Marks by index of the unjoined body → by index of the joined body."""
    if not marks:
        return {}
    where: dict[int, int] = {}
    k = 0
    for j, line in enumerate(after):
        last = line.last or line.no
        while k < len(before) and (before[k].last or before[k].no) <= last:
            where[k] = j
            k += 1
    return {where.get(i, len(after)): name for i, name in marks.items()}


def _documents(clean: list[Line], starts: list[split.Start], back: int, issue: Issue) -> list[Document]:
    docs = []
    for k, start in enumerate(starts):
        first = start.first
        if start.number is not None and start.number < start.title[0]:
            first = start.title[0]  # a number printed above the title belongs to the header
        elif start.printed and first - 1 > (starts[k - 1].header_end if k else -1) and is_issuer_mark(clean[first - 1]):
            first -= 1  # the issuing body's mark over the title heads this document, not the one before
        nxt = starts[k + 1] if k + 1 < len(starts) else None
        last = (nxt.first - 1) if nxt else back - 1
        doc = build_document(k + 1, clean, start, first, max(first, last), issue.corrections)
        doc.section = doc.section or start.section
        docs.append(doc)
    return docs


def _without_second_renderings(docs: list[Document], issue: Issue) -> list[Document]:
    """A page that prints a document twice (a portal's template) gives it once."""
    kept: list[Document] = []
    for d in docs:
        prev = kept[-1] if kept else None
        if prev and d.title and (d.title, d.body.strip()) == (prev.title, prev.body.strip()):
            issue.warnings.append(Warning("duplicate-rendering", f"document '{d.title}' is printed twice; the "
                                                                 "second printing is left out", d.lines[0]))
            continue
        kept.append(d)
    for k, d in enumerate(kept, start=1):
        d.seq = k
    return kept


def _classify(issue: Issue) -> None:
    """Gazette issue, single document, or web page; a web page's metadata fills gaps."""
    meta = issue.metadata
    if issue.toc or any(getattr(issue.gazette, f) for f in ("name", "issue", "total_issue")):
        issue.kind = "gazette_issue"
        if meta and issue.gazette.published is None:  # an issue printed from its web page: the page's date
            issue.gazette.published = masthead.from_web_metadata(meta).published
    elif meta:
        issue.kind = "web_page"
        issue.gazette = masthead.from_web_metadata(meta)
    elif issue.gazette.published or issue.gazette.publisher:
        issue.kind = "gazette_issue"
    else:
        issue.kind = "single_document"
    _fill_from_metadata(issue)


# what a metadata record says of its document: (field, labels, labels of a record printed over each
# document of an issue, reader).  A record printed document by document, as a law database prints
# them ('【发布日期】2008.04.01', '【发布部门】某市政府'), dates and names the body that made each; a web
# page's '发布日期' and '发布机构' are the page's and its publisher's
def _metadata_fields():
    from ..numerals import parse_date
    from .. import docnumber

    body = lambda v: v if re.search(r"[\u4e00-\u9fff]{2}", v) and len(v) <= 40 else None
    return [("date", ("成文日期",), ("发布日期", "颁布时间", "颁布日期"), parse_date),
            ("doc_number", ("发文字号", "文号", "文件编号"), ("发布文号", "发文号"), docnumber.canonical),
            ("issuer", ("发文机关",), ("发布部门", "颁布单位", "制定机关", "发文单位"), body)]


def _fill_from_metadata(issue: Issue) -> None:
    """A web page's metadata block fills its one document's gaps; in an issue, the record printed
    over each document (in the lines just above its title, or in its header) fills that document's."""
    marks = sorted((c.line, c.raw) for c in issue.corrections if c.rule == "web-metadata")
    records = []
    for i, (line, raw) in enumerate(marks):
        if not (pairs := web.record_pairs(raw)):
            continue
        if len(pairs) == 1 and not pairs[0][1] and i + 1 < len(marks) and marks[i + 1][0] - line <= 3 \
                and web.record_pairs(marks[i + 1][1]) is None:  # a label over its value
            line, pairs = marks[i + 1][0], [(pairs[0][0], marks[i + 1][1].strip())]
        records.append((line, raw, pairs))
    docs = issue.documents
    for k, doc in enumerate(docs):
        if len(docs) == 1:
            own = records + [(None, "", list(issue.metadata.items()))]  # (a page's <meta> tags print on no line)
        else:
            low = max(docs[k - 1].lines[1] + 1 if k else 0, doc.lines[0] - 12)
            own = [r for r in records if low <= r[0] <= doc.lines[1] and r[0] < doc.lines[0] + 12]
        for name, keys, record_keys, read in _metadata_fields():
            if getattr(doc, name) is not None:
                continue
            for line, raw, pairs in own:
                labels = keys + record_keys if len(docs) > 1 else keys  # (records printed document by document)
                value = next((read(v) for label in labels for key, v in pairs if key == label and v and read(v)), None)
                if value:
                    setattr(doc, name, value)
                    if line is not None:
                        doc.field_lines[name] = [line, line]
                    break
        kind_by_number(doc)


def _enrich(issue: Issue) -> None:
    """Structured records of each document (appointments, events, articles, tables, citations)."""
    from .records import enrich

    for doc in issue.documents:
        issue.warnings += enrich(doc, issue_year=issue.gazette.year)
