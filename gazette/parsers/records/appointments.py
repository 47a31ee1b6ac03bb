"""Appointment records (任免): one record per person per action.

Lines become items (sentences ending in ；or 。), items become clauses (split at ，outside
brackets).  A clause either states an action (`聘任X、Y为P`, `X任P`, `X不再担任P职务`,
`免去X的P职务`, a trailing `不再聘任P职务` of the same persons, `X为P` under a `任命：`
heading) or adds a note to the records of the action before it (`聘期三年`, `职级待遇不变`).
Decision dates come from date lines: one before a list opens a decision, one after undated
records closes theirs.  Vocabularies are data tables below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import docnumber
from ...model import Appointment, Line
from ...numerals import is_date_line, parse_date
from .text import CJK, split_outside

# verbs that state an action, longest first; value = the action recorded
ACTIONS: dict[str, str] = {
    "不再聘任": "不再聘任", "不再担任": "不再担任", "不再兼任": "不再兼任", "不再聘用": "不再聘用",
    "任命": "任命", "聘任": "聘任", "聘用": "聘用", "免去": "免去", "解聘": "解聘",
    "撤销": "撤销", "提名": "提名", "罢免": "罢免", "辞去": "辞去", "代理": "代理",
    "终止": "职务终止",
}
# verbs whose object is `persons 为 position`
APPOINTING = ("任命", "聘任", "聘用", "提名")
# verbs whose object is `persons 的 position 职务`
REMOVING = ("免去", "解聘", "撤销", "罢免")
# verbs of a release stated after the person (`X不再担任P职务`, `X辞去P职务`) or trailing an appointment
RELEASING = ("不再聘任", "不再担任", "不再兼任", "不再聘用", "辞去")
# verbs of an office held after the person: `X代理P`, `X同志代理P`
ACTING = ("代理",)
# how an office ends; outside 任免 lists a position must end so (`撤销该企业的资格` is no removal)
OFFICE_END = re.compile(r"(?:长|主任|书记|委员|主席|秘书|干事|经理|政委|科员|调研员|巡视员|助理|专员|顾问|馆长|所长|"
                        r"站长|队长|院长|校长|处长|科长|员|师|官|代表|人选)(?:（[^（）]*）)?$")
# a bare verb between person and position, `X任P`
BARE_ACTIONS: dict[str, str] = {"任": "任命", "兼任": "兼任"}
# headings that govern the lines under them (`任命：`)
HEADINGS: dict[str, str] = {"任命": "任命", "免去": "免去", "聘任": "聘任", "解聘": "解聘", "免职": "免去"}
# leading-group roles: membership of a group, not an office
GROUP_ROLES = ("组长", "副组长", "成员", "组员", "委员", "联络员")
COMMITTEE_SEAT = re.compile(r"(?:委员会|常委会)(?:副?主任)?委员$")  # a seat on a standing body is an office
# a note printed in brackets after the position, e.g. （挂职时间一年）（列副院长第一位）
BRACKET_NOTE = re.compile(r"[（(](?P<note>(?:挂职|聘期|试用期|任期|列|时间|保留|享受)[^（）()]*)[）)]$")
# characters a person's name never contains (they mark an office or a phrase)
NOT_IN_NAME = set("的为职务局委厅处级区县省镇街")
POSITION_TAIL = re.compile(r"(?:的)?职务$")
OFFICE_START = re.compile(rf"[{CJK}]")  # an office is words (`清政任〔2022〕5号` is no `X任P`)
DECIDING_BODY = re.compile(r"(?P<body>[^，。：；、\s]{0,80}?(?:会议|常委会|常务委员会))(?:研究|审议|讨论)?(?:决定|通过)")
BODY_START = re.compile(r"[市县区旗](?=[一二三四五六七八九十]+届)")
HEADING_RE = re.compile(rf"^(?:决定)?(?P<verb>{'|'.join(HEADINGS)})[：:]\s*(?P<rest>.*)$")
DECISION_HEADING = re.compile(r"^(?P<body>[^：:。；]{0,40}?)决定[：:]$")
BODY_TRIM = re.compile(r"^(?:现将|经|根据|依据|研究|讨论|审议)|(?:研究|讨论|审议)$")  # `经研究决定：` names no body

# first characters of an office (区财政局局长, 市…, 县…): where a name without 的 ends
POSITION_START = "区市县省州镇乡街国中党团共"
# words in a person slot that are no person (`聘任专家为顾问`)
NON_PERSONS = {"专家", "人员", "干部", "教师", "医生", "律师", "顾问", "同志", "其", "有关人员", "相关人员"}
NAME = rf"[{CJK}·]{{2,4}}?"  # lazy: `张三兼任` is 张三 + 兼任
NAMES = rf"{NAME}(?:[、，,]{NAME})*"
_BARE = "|".join(sorted(BARE_ACTIONS, key=len, reverse=True))
_APPOINTING, _REMOVING, _RELEASING, _ACTING = ("|".join(v) for v in (APPOINTING, REMOVING, RELEASING, ACTING))
# a line that may state an action or name the body deciding it
ACTION_OR_BODY = re.compile("|".join(sorted(ACTIONS, key=len, reverse=True)) + r"|会议|决定|常委会|\d{4}年|[〇一二][〇零○一二三四五六七八九]{3}年")
# a resignation accepted: `接受X同志辞去P职务的请求`, `接受X辞去P职务`
RESIGNATION_TAIL = re.compile(r"(?:职务)?(?:的)?(?:辞职)?(?:请求|申请)$")
PATTERNS = (  # (name, regex); first match wins
    ("accepted", re.compile(rf"^(?:决定)?接受(?P<persons>{NAMES})(?:同志)?(?P<verb>辞去)(?P<pos>.+)$")),
    ("subject_verb", re.compile(rf"^(?:决定)?(?P<persons>{NAMES})(?:同志)?(?P<verb>{_RELEASING}|{_ACTING})(?P<pos>.+)$")),
    # an office holder named before the person acts in the office above: '推选区人大常委会副主任X代理主任职务'
    ("acting_deputy", re.compile(rf"^(?:推选|决定|由)?(?P<current>[{CJK}]{{2,30}}?副(?P<role>[{CJK}]{{1,6}}))"
                                 rf"(?P<persons>{NAME})(?:同志)?(?P<verb>{_ACTING})(?P=role)(?:职务)?$")),
    ("ended", re.compile(rf"^(?P<persons>{NAMES})(?:同志)?的(?P<pos>.+?职务)(?:相应|自然|随之|同时)?(?P<verb>终止)$")),
    ("verb_for", re.compile(rf"^(?:决定)?(?P<verb>{_APPOINTING})(?P<persons>{NAMES})(?:同志)?为(?P<pos>.+)$")),
    ("verb_of", re.compile(rf"^(?P<verb>{_REMOVING})(?P<persons>{NAMES})(?:同志)?的(?P<pos>.+)$")),
    ("verb_only", re.compile(rf"^(?P<verb>{_RELEASING})(?P<pos>.+)$")),
    ("verb_pronoun", re.compile(rf"^(?P<verb>{_REMOVING})其(?:所任)?(?P<pos>.+)$")),
    ("verb_no_de", re.compile(rf"^(?P<verb>{_REMOVING})(?P<persons>{NAME})(?:同志)?(?P<pos>[{POSITION_START}].+职务)$")),
    ("bare", re.compile(rf"^(?P<persons>{NAMES})(?:同志)?(?P<verb>{_BARE})(?![务职期免命用何])(?P<pos>.+)$")),
    ("heading_for", re.compile(rf"^(?P<persons>{NAMES})(?:同志)?(?:为|的)(?P<pos>.+)$")),
    ("heading_spaced", re.compile(rf"^(?P<persons>{NAMES})[ \u3000\t]+(?P<pos>[^ \u3000\t].+)$")),
)
SUBJECT_PATTERNS = {"verb_only", "verb_pronoun"}  # their persons are those of the clause before
HEADING_PATTERNS = {"heading_for", "heading_spaced"}  # only under a `任命：` / `免去：` heading
STRICT = {"accepted", "ended", "subject_verb", "acting_deputy", "verb_for", "verb_of", "verb_only", "verb_pronoun", "verb_no_de"}  # the only ones trusted outside 任免 lists


@dataclass
class _State:
    heading: str | None = None  # action of a governing `任命：` heading
    date: str | None = None  # date of the open decision
    body: str | None = None
    subject: list[str] = field(default_factory=list)
    pending: list[Appointment] = field(default_factory=list)  # undated records awaiting a closing date


def parse_appointments(lines: list[Line], *, doc_number: str | None = None, fallback_date: str | None = None,
                       strict: bool = False) -> list[Appointment]:
    """Appointment records of a 任免 list (or, with `strict`, of decisions inside another text)."""
    st, records = _State(), []
    for line in lines:
        text = line.text.strip()
        if strict and not ACTION_OR_BODY.search(text):
            continue  # inside another text, a line naming no action and no deciding body states nothing
        if docnumber.is_doc_number_line(text):
            continue
        if is_date_line(text):
            _date_line(st, parse_date(text))
            continue
        heading = HEADING_RE.match(text)
        if heading:
            st.heading = HEADINGS[heading["verb"]]
            text = heading["rest"]
        m = DECISION_HEADING.match(text)
        if m:
            st.body = st.body or _heading_body(m["body"])
            continue
        st.body = _deciding_body(text) or st.body
        for item in split_outside(text, "；;。"):
            for rec in _item(item, st, strict):
                rec.doc_number, rec.body, rec.lines = doc_number, st.body, list(line.span)
                records.append(rec)
    for rec in st.pending:
        rec.date = rec.date or fallback_date
    return records


def _date_line(st: _State, date: str | None) -> None:
    if st.pending:  # a date printed after its list closes that decision
        for rec in st.pending:
            rec.date = date
        st.pending, st.date = [], None
    else:
        st.date = date
    st.heading = None


def _heading_body(raw: str) -> str | None:
    """The deciding body named in a phrase: `现将济宁市兖州区十八届人大常委会第三十二次会议` →
    `区十八届人大常委会第三十二次会议`; `经研究` → None."""
    body = None
    while body != raw:
        body, raw = raw, BODY_TRIM.sub("", raw.strip(" ，,"))
    cut = BODY_START.search(body)
    body = body[cut.start():] if cut else body
    return body if len(body) >= 2 else None


def _deciding_body(text: str) -> str | None:
    if "会" not in text or ("决定" not in text and "通过" not in text):
        return None  # what DECIDING_BODY needs (its search tries 80 characters from every position)
    m = DECIDING_BODY.search(text)
    return _heading_body(m["body"]) if m else None


def _item(item: str, st: _State, strict: bool) -> list[Appointment]:
    out: list[Appointment] = []
    last: list[Appointment] = []
    for clause in split_outside(item, "，,：:"):
        recs = _clause(clause, st, strict)
        if recs is None:
            if last:
                for r in last:
                    r.note = f"{r.note}，{clause}" if r.note else clause
            continue
        for r in recs:
            r.date = st.date
            if st.date is None:
                st.pending.append(r)
        out.extend(recs)
        last = recs
    return out


def _clause(clause: str, st: _State, strict: bool) -> list[Appointment] | None:
    """Records stated by one clause, or None if the clause states no action."""
    for name, pattern in PATTERNS:
        if strict and name not in STRICT:
            continue
        if name in HEADING_PATTERNS and not st.heading:
            continue
        m = pattern.match(clause)
        if not m:
            continue
        persons = st.subject if name in SUBJECT_PATTERNS else _persons(m.groupdict().get("persons"))
        verb = m.groupdict().get("verb")
        action = st.heading if name in HEADING_PATTERNS else BARE_ACTIONS.get(verb) if name == "bare" else ACTIONS[verb]
        position, note = _position(m["pos"] if "pos" in m.groupdict() else
                                   m["current"][:-len(m["role"]) - 1] + m["role"])
        if not persons or not position or not OFFICE_START.match(position) or (
                position.endswith(GROUP_ROLES) and not COMMITTEE_SEAT.search(position)):
            continue
        if strict and not OFFICE_END.search(position):
            continue
        st.subject = persons
        return [Appointment(action=action, person=p, position=position, note=note) for p in persons]
    return None


def _persons(raw: str | None) -> list[str]:
    if not raw:
        return []
    names = [n.strip() for n in re.split(r"[、，,]", raw) if n.strip()]
    if any(set(n) & NOT_IN_NAME or n in NON_PERSONS for n in names):
        return []
    return names


def _position(raw: str) -> tuple[str | None, str | None]:
    pos = RESIGNATION_TAIL.sub("", raw.strip().rstrip("。；;，,"))
    note = None
    m = BRACKET_NOTE.search(pos)
    if m:
        note, pos = m["note"], pos[:m.start()]
    pos = POSITION_TAIL.sub("", pos).strip()
    return pos or None, note
