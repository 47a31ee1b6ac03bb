"""The fields of one document: title, number, type, category, recipients, signature, dates,
public flag, attachments, enclosed title.  Pure: lines in, a filled `Document` out."""
from __future__ import annotations

import re

from .. import docnumber
from .. import lineclass as lc
from ..model import Correction, Document, Line
from ..numerals import DATE_RE, is_date_line, parse_date
from .split import (APPOINTMENT_WORDS, ENCLOSURE_VERBS, LEADING_NUMBER, Start, attachment_names, caption_end, cited_enclosure, dating_names,
                    enclosure_name, is_recipients, recipients_after, similar, title_text)

# 关于X等同志职务任免的通知 / 关于任免X等同志职务的通知 / 关于免去X同志职务的通知 / 关于任免工作人员的通知
APPOINTMENT_TITLE = re.compile(r"(?:(?:任免|任职|免职|任命|聘任|聘用|免去|辞去|辞职|罢免)"
                               r"(?:[^，。；《》]{0,30}?(?:职务|同志|人员)(?:请求|的请求|申请)?)?|"
                               r"接受[^，。；《》]{1,20}辞[^，。；《》]{0,30}|"
                               r"(?:同志|[^，。；《》]{2,4})(?:代理|担任|兼任)[^，。；《》]{2,30}(?:职务)?)的?(?:通知|决定|名单)$")
NOTICE_TYPES = {"通知", "决定", "意见", "通告", "公告", "批复", "答复", "函", "通报", "报告", "命令", "纪要", "决议", "请示",
                "议案", "公报", "方案", "告知书", "倡议书", "公开信"}


def doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    title = lc.strip_trailing_note(title)
    for ending, dtype in sorted(lc.doc_type_table()["types"], key=lambda t: -len(t[0])):
        if title.endswith(ending):
            return dtype
    return "其他"


def kind_by_number(doc: Document) -> None:
    """A document that shows no kind is a letter where its 文号's code is a letter's ('国办函〔1988〕2号')."""
    number = docnumber.parse(doc.doc_number or "")
    if doc.doc_type == "其他" and number and number.code.endswith("函"):
        doc.doc_type = "函"
        doc.category = category_of(doc)


def category_of(doc: Document) -> str:
    title = doc.title or ""
    rule_types = set(lc.doc_type_table()["rule_types"])
    if doc.doc_type == "大事记":
        return "chronicle"
    if doc.doc_type == "名单" and APPOINTMENT_WORDS.search(title):
        return "appointment"
    if APPOINTMENT_TITLE.search(title) and not ENCLOSURE_VERBS.search(title):
        return "appointment"  # 关于X等同志职务任免的通知 / 关于聘任X的决定
    if doc.doc_type == "其他" and APPOINTMENT_WORDS.search(title):
        return "appointment"  # a list headed without a 文种: '国务院任免国家工作人员'
    if doc.doc_type in rule_types:
        return "rule"
    if doc.enclosure_title and any(doc_type_of(part) in rule_types for part in doc.enclosure_title.split("及")):
        return "rule"  # (also what it encloses beside a rule: '某实施细则及文种式样')
    if doc.doc_number and docnumber.ORDER_RE.fullmatch(doc.doc_number):
        return "rule"  # what an order (令第N号) promulgates is a rule: a 修改决定, a 废止决定
    if doc.doc_type in NOTICE_TYPES:
        return "notice"
    return "other"


def _span(lines: list[Line]) -> list[int]:
    return [lines[0].no, lines[-1].last or lines[-1].no] if lines else []


def _signature(body: list[Line]) -> tuple[range | None, int | None]:
    """The first signature: (indices of its issuer lines, index of its date line) — organisation
    lines over a date line; joint issuers may fill several lines."""
    for k, line in enumerate(body):
        if is_date_line(line.text) and k > 0 and _org_line(body[k - 1].text):
            first = k - 1
            while first > 0 and k - first < 6 and _org_line(body[first - 1].text, joint=True):
                first -= 1
            return range(first, k), k
    for k, line in enumerate(body):
        if is_date_line(line.text):
            return None, k
    return None, None


def _org_line(text: str, joint: bool = False) -> bool:
    """A signature's issuer line: short, no sentence, its names end as a body's name ends; joint
    issuers share a line, spaced or listed with 、 (a PDF's text layer gives one space for any gap).
    A line above another issuer line (`joint`) must be names only."""
    compact = re.sub(r"\s+", "", text)
    parts = [p for p in re.split(r"[\s、]+", text.strip()) if p]
    if len(compact) > 40 or any(c in compact for c in lc.SENTENCE_PUNCT + "：:") or not parts:
        return False
    if joint:  # names only: two or more on the line, or one body's whole name on a line of its own
        return len(lc.org_names(text) or []) >= 2 or len(lc.org_names(text.strip(), shortest=3) or []) == 1
    return any(lc.ORG_END.search(p) for p in parts) or bool(HEAD_SIGNATURE.match(compact))


def build_document(seq: int, lines: list[Line], start: Start, first: int, last: int,
                   corrections: list[Correction]) -> Document:
    """A document from lines[first..last] (inclusive), whose title/number `start` located."""
    own = lines[first:last + 1]
    title_lines = [lines[k] for k in start.title] if start.printed else []
    title = start.title_text or title_text(" ".join(l.text for l in title_lines))
    doc = Document(seq=seq, title=_unwrap(title) or None, source_lines=own)
    if title_lines:
        doc.field_lines["title"] = _span(title_lines)
    header_end = start.header_end
    if start.number is not None:
        number_line = lines[start.number]
        heading = lines[start.number - 1].text if start.number > start.title[-1] + 1 else title or ""
        doc.doc_number = docnumber.canonical(number_line.text) or docnumber.order_number(heading, number_line.text)
        doc.field_lines["doc_number"] = [number_line.no, number_line.last or number_line.no]
        if (dated := parse_date(number_line.text)) and docnumber.canonical(number_line.text):
            doc.date = dated  # the date printed with the number; a signature's, if any, wins below
            doc.field_lines["date"] = _span([number_line])
        for c in corrections:
            if c.rule == "ocr-doc-number" and c.fixed == doc.doc_number and \
                    number_line.no <= c.line <= (number_line.last or number_line.no):
                doc.doc_number_raw = c.raw
    if doc.doc_number is None and title_lines and (m := LEADING_NUMBER.match(title_lines[0].text)):
        doc.doc_number = docnumber.canonical(m["n"])  # printed before the title on its line
        doc.field_lines["doc_number"] = _span(title_lines[:1])
    body = lines[header_end + 1:last + 1]
    while body and doc.doc_number and lc.is_doc_number_line(body[0].text) \
            and docnumber.canonical(body[0].text) == doc.doc_number:
        body = body[1:]  # the number printed a second time (a portal's heading block)
    caption = lines[start.title[-1] + 1:header_end + 1] if start.rule == "title+caption" else []
    if not caption:  # a 题注 under the title (and the issuer's name under it): '[…会议审议通过 …令第68号发布]'
        k = 1 if len(body) > 1 and _issuer_under_title(body) else 0
        if k < len(body) and lc.CAPTION_OPEN.match(body[k].text.strip()) and (e := caption_end(body, k)) is not None:
            caption = body[k:e + 1]
    if caption and doc.doc_number is None and (code := docnumber.canonical(" ".join(l.text for l in caption))):
        doc.doc_number = code  # a number in the 题注
        doc.field_lines["doc_number"] = _span(caption)
    if by := _byline(body):  # a report's or a speech's byline under its title: header, no text of it
        doc.issuer, doc.field_lines["issuer"] = by, _span(body[:1])
        body = body[1:]
    k = 0 if body and is_recipients(body[0].text) else recipients_after(body, -1, limit=3)
    if k is None:
        k = next((j for j, l in enumerate(body[:2]) if lc.is_bare_recipients(l.text)), None)
    if k is not None and body:
        doc.recipients = re.sub(r"[:：;；]\s*$", "", body[k].text.strip())
        doc.field_lines["recipients"] = _span(body[k:k + 1])
        body = body[k + 1:]  # what stood between the header and the recipients was header debris
    doc.body = "\n".join(l.shown for l in body)
    doc.lines = _span(own)
    pages = [l.page for l in own if l.page is not None]
    doc.pages = [min(pages), max(pages)] if pages else []
    doc.doc_type = doc_type_of(doc.title) or (None if start.printed else "其他")  # (no title, no kind shown)
    _fill_signature(doc, body)
    if doc.date is None and caption:  # no signature: the decision is dated by its 题注
        doc.date = caption_date(" ".join(l.text for l in caption))
        if doc.date:
            doc.field_lines["date"] = _span(caption)
    if doc.issuer is None and caption and (named := dating_names(re.sub(r"^[\[［（(]|[\]］）)]$", "", "".join(
            l.text.strip() for l in caption)))):
        doc.issuer = named  # '[1991年1月23日，某局、某部]': dated and signed in brackets under the title
        doc.field_lines["issuer"] = _span(caption)
    if doc.issuer is None:  # unsigned: the issuing body's mark over the header, or the issuer its title names
        header = lines[first:start.title[0]] + ([lines[start.number]] if start.number is not None else [])
        mark = _issuer_mark(header if start.printed else [])
        if mark is not None:
            doc.issuer = _marked_issuer(mark.text)
            doc.field_lines["issuer"] = _span([mark])
        elif under := _issuer_under_title(body):
            doc.issuer = "、".join(lc.org_names(under.text.strip(), shortest=3))
            doc.field_lines["issuer"] = _span([under])
            body = body[1:]  # (a line of the header, no text of the document)
            doc.body = "\n".join(l.shown for l in body)
        elif issuer := _title_issuer(doc.title):
            doc.issuer = issuer
            doc.field_lines["issuer"] = doc.field_lines.get("title", [])
    _fill_notes(doc, body)
    doc.attachments = attachment_names(body)
    _fill_enclosure(doc, body)
    if _promulgating_heading(doc) and doc.enclosure_title:
        # an order or a numbered 公告 is known by the rules it promulgates ('XX人民政府令' → 《XX管理办法》)
        doc.field_lines["title"] = doc.field_lines.get("enclosure_title", doc.field_lines.get("title", []))
        retitle(doc, doc.enclosure_title)
    doc.category = category_of(doc)
    kind_by_number(doc)
    if doc.category == "chronicle":
        doc.date = None
        doc.field_lines.pop("date", None)
    return doc


# what a portal prints after a title: its date '(2004/06/23)', a tag '[政策延期]'
_PORTAL_DATE = re.compile(r"[（(]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[)）]$|\[[^\[\]]{1,8}\]$")


def _unwrap(title: str | None) -> str | None:
    """A title as a portal prints it in its heading: inside book-title marks (《…》 → …), with the
    page's date after it ('…的通知(2004/06/23)')."""
    if not title:
        return title
    title = _PORTAL_DATE.sub("", title)
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return title[1:-1]
    return title


# an order signed by the head of a government, with the place: '某某市市长 张三' — issued by that government
HEAD_SIGNATURE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|省|市|县|区|州|旗))(?:省长|市长|县长|区长|州长|旗长|主席)"
                            r"[\u4e00-\u9fff·]{2,5}$")


def _signed_names(text: str) -> str:
    """The issuer of one signature line: joint issuers printed apart on it ('某局　某局') are
    listed; a name the line's spaces only break ('某市人民政府　办公室': a part that is no more
    than a body's ending) is one name."""
    parts = text.split()
    if len(parts) >= 2 and (names := lc.org_names(text.strip(), shortest=3)) == parts \
            and all(len(lc.ORG_END.sub("", n)) >= 2 for n in names):
        return "、".join(names)
    return "".join(parts)


def caption_date(text: str) -> str | None:
    """The date of a 题注: the date it was promulgated (公布) where it lists one beside the dates it
    was passed and approved ('…通过 …批准 1987年7月29日…公布施行'), else its first date."""
    found = list(DATE_RE.finditer(text))
    for m, nxt in zip(found, found[1:] + [None]):
        if "公布" in text[m.end():nxt.start() if nxt else len(text)]:
            return parse_date(m.group(0))
    return parse_date(text)


def _fill_signature(doc: Document, body: list[Line]) -> None:
    issuer_k, date_k = _signature(body)
    if issuer_k is not None:
        doc.issuer = "、".join(_signed_names(body[k].text) for k in issuer_k)
        if m := HEAD_SIGNATURE.match(doc.issuer):
            doc.issuer = m["place"] + "人民政府" if _placed(m["place"]) else None
        if doc.issuer:
            doc.field_lines["issuer"] = _span(body[issuer_k.start:issuer_k.stop])
    if date_k is not None:
        doc.date = parse_date(body[date_k].text)
        doc.field_lines["date"] = _span(body[date_k:date_k + 1])
        after = body[date_k + 1:date_k + 3]
        number = next((l for l in after if lc.is_doc_number_line(l.text)), None)
        if doc.doc_number is None and number is not None and (code := docnumber.canonical(number.text)):
            doc.doc_number = code  # the 文号 printed at the foot, under the date
            doc.field_lines["doc_number"] = _span([number])
    if doc.issuer is None and doc.title and docnumber.ORDER_TITLE.match(doc.title):
        doc.issuer = doc.title[:-1]  # an order is signed by the head of government; it is issued by the body
        doc.field_lines["issuer"] = doc.field_lines.get("title", [])
    elif doc.issuer is None and doc.doc_number and (m := docnumber.ORDER_RE.fullmatch(doc.doc_number)) \
            and _placed(m["code"]):
        doc.issuer = m["code"][:-1]  # '商务部令2007年第15号', signed '部长：…', is issued by 商务部
        doc.field_lines["issuer"] = doc.field_lines.get("doc_number", [])


def _placed(name: str) -> bool:
    """A body's name that names its place, not only its level ('市政府', '自治区主席')."""
    return name[0] not in UNPLACED and not name.startswith("自治")


# a report's or a speech's byline: the body, the speaker's office and name ('某区人民政府代区长　张三')
BYLINE = re.compile(r"^(?P<body>[\u4e00-\u9fff]{4,30}?)(?:代|副|常务副)?(?:[\u4e00-\u9fff]{0,2}长|主任|书记|主席)[ \u3000]+[\u4e00-\u9fff·]{2,4}$")


def _byline(body: list[Line]) -> str | None:
    """The issuing body named on the byline under a report's or a speech's title (its first line)."""
    m = BYLINE.match(body[0].text.strip()) if body else None
    names = lc.org_names(m["body"], shortest=3) if m else None
    return names[0] if names and len(names) == 1 and names[0] == m["body"] else None


def _issuer_under_title(body: list[Line]) -> Line | None:
    """The issuing bodies' names alone on the first line under the title (rules and notices
    printed with their issuer there instead of a signature); not addressees ('各…', '…：')."""
    if not body:
        return None
    t = body[0].text.strip()
    if t.startswith("各") or t.endswith(("：", ":")) or not lc.org_names(t, shortest=3):
        return None
    return body[0]


def _title_issuer(title: str | None) -> str | None:
    """The issuing body a title names before 关于 (or 转发/印发/批转): 'X人民代表大会常务委员会关于…' → X人民代表大会常务委员会,
    a congress's session ('第十届全国人民代表大会第五次会议关于…的决议'), a township or street office
    ('某某街道关于…'); not a body named without its
    place ('市政府关于…', '省人民政府关于…')."""
    m = re.match(r"^([\u4e00-\u9fff、]{3,40}?)(?:关于|转发|印发|批转)", title or "")
    body = m.group(1) if m else ""
    # (a township or a street office named as its place: '某某镇关于…', '某某街道关于…')
    return body if body and (lc.ORG_END.search(body) or body.endswith(("会议", "街道", "镇", "乡"))) and _placed(body) else None


UNPLACED = "省市县区州盟旗镇乡"  # a body's name that begins with its level names no place: '市政府'
ISSUER_MARK = re.compile(r"^[\u4e00-\u9fff、（）()]{2,40}文件$")  # 发文机关标志: '某某市人民政府文件'


def _issuer_mark(header: list[Line]) -> Line | None:
    """The issuing body's mark printed over a document's number and title, if any: `某市人民政府文件`,
    or joint issuers' names on one line (`财政部 某某委员会 某某部`)."""
    return next((line for line in header if is_issuer_mark(line)), None)


def is_issuer_mark(line: Line) -> bool:
    if lc.issuer_beside_number(line.text):
        return True
    text = re.sub(r"\s+", "", line.text)
    if ISSUER_MARK.match(text) and lc.ORG_END.search(text[:-2]) and _placed(text):
        return True
    names = lc.org_names(line.text, shortest=3)  # joint issuers on one line: '财政部 某某委员会'
    return names is not None and 2 <= len(names) <= 8


def _marked_issuer(text: str) -> str:
    if beside := lc.issuer_beside_number(text):
        return beside
    compact = re.sub(r"\s+", "", text)
    return compact[:-2] if ISSUER_MARK.match(compact) else "、".join(lc.org_names(text, shortest=3) or [compact])


def _fill_notes(doc: Document, body: list[Line]) -> None:
    for line in body:
        t = line.text.strip()
        if lc.PUBLIC_NOTE.match(t) and "公开" in t and "不予" not in t:
            doc.public = True
            doc.field_lines.setdefault("public", _span([line]))
        m = lc.PRINT_LINE.match(t)
        if m and doc.print_date is None:
            doc.print_date = parse_date(m["d1"] or m["d2"] or "")
            doc.field_lines["print_date"] = _span([line])
            if doc.issuer is None and m["org"] and lc.org_names(lc.compact(m["org"])):
                doc.issuer = lc.compact(m["org"])  # unsigned, unnamed: the office that printed it ('某局办公室 …印发')
                doc.field_lines["issuer"] = _span([line])


def retitle(doc: Document, title: str) -> None:
    """Give a document a title found elsewhere (its TOC entry's whole title where the body prints
    it cut short), and what the title decides: type, enclosure, category."""
    doc.title = title
    doc.doc_type = doc_type_of(title)
    if doc.enclosure_title is None:
        _fill_enclosure(doc, doc.source_lines)
    doc.category = category_of(doc)


def _promulgating_heading(doc: Document) -> bool:
    """A heading that promulgates what it cites: an order ('XX人民政府令'), a body's numbered 公告
    ('XX常务委员会公告') — not a 公告 about something ('关于…的公告', 'XX征收启动公告')."""
    title = doc.title or ""
    return doc.doc_type == "命令" or bool(docnumber.ORDER_TITLE.match(title)) or (
        doc.doc_type == "公告" and title.endswith("公告") and bool(lc.ORG_END.search(title[:-2])))


ISSUED = re.compile(r"现将(?P<x>[^，。,；;]{4,80}?)(?:印发|转发)给")


def _issued_in_body(body: list[Line]) -> str | None:
    """What a notice's opening lines say it issues: '现将X印发给你们' → X (without the 《》 of a name
    cited whole); '《X》已经…通过，现予印发' is `cited_enclosure`'s."""
    m = ISSUED.search("".join(l.text.strip() for l in body[:4]))
    if not m:
        return None
    x = m["x"]
    return x[1:-1] if x.startswith("《") and x.endswith("》") and x.count("《") == 1 else x


def _fill_enclosure(doc: Document, body: list[Line]) -> None:
    name = enclosure_name(doc.title or "") if doc.title and ENCLOSURE_VERBS.search(doc.title) else None
    if not name and _promulgating_heading(doc):  # it promulgates the rules it cites: 《X》已经…通过，现予公布
        name = cited_enclosure(body)
    if not name and doc.title and doc.title == doc.doc_type == "通知":  # printed without a title: what it says it issues
        name = _issued_in_body(body) or cited_enclosure(body)
    if not name or (name.endswith("名单") and any(similar(name, a) >= 0.8 for a in doc.attachments)):
        return  # (a list the notice publishes is its attachment: '公布…名单的通知' + '附件：…名单')
    candidates = []  # (lines, text): each line, and each line with the next (a title over two lines)
    for k, line in enumerate(body):
        text = title_text(line.text)
        if not text or lc.ATTACHMENT_NOTE.match(text) or text.startswith("《"):
            continue  # '附件：X' or the promulgating sentence '《X》…' announces it; the heading comes later
        candidates.append(([line], text))
        if k + 1 < len(body) and name.startswith(text) and (more := title_text(body[k + 1].text)):
            candidates.append(([line, body[k + 1]], text + more))
    # the name printed whole (perhaps over two lines) before a line that only resembles it (a
    # signature); of two things it issues ('A和B'), the first printed
    names = [name] + _joined_names(name)
    for least in (0.95, 0.8):
        for shown, text in candidates:
            # (a body's name alone is a signature, however like X's name it reads: '某常务委员会' for '某常务委员会听证条例')
            if any(similar(n, text) >= least and len(text) <= len(n) + 10 for n in names) and not lc.is_issuer_cell(text):
                doc.enclosure_title = text
                doc.field_lines["enclosure_title"] = _span(shown)
                return
    doc.enclosure_title = name


def _joined_names(name: str) -> list[str]:
    """The names a notice issues together ('某办法和某办法', '某规定及某细则'), where each names a 文种."""
    parts = re.split(r"[和及、]", name)
    return parts if len(parts) > 1 and all(doc_type_of(p) not in (None, "其他") for p in parts) else []
