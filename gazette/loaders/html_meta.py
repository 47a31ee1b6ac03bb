"""The metadata block of a government web page (政府信息公开 fields) and its labels.

Government sites print the block as a table, a list or a line of spans: a label with a
colon (`索引号:` `发布机构：`) and its value in the same text or the next cell.  Keys are
kept as printed (colon and letter spacing removed); values are stripped.
"""
from __future__ import annotations

import re

LABELS = (
    "信息索引号", "索引号", "统一编号", "发布机构", "发文机关", "发文单位", "生成日期", "成文日期", "发文日期",
    "发布日期", "发布时间", "生效日期", "失效日期", "废止日期", "发文字号", "文号", "有效性", "时效性",
    "公开方式", "公开范围", "公开时限", "组配分类", "主题分类", "体裁分类", "服务对象分类", "信息分类",
    "内容分类", "所属主题", "主题词", "关键词", "公文种类", "文种", "名称", "标题", "信息来源", "来源",
    "点击次数", "浏览次数", "访问量", "责任部门", "发布单位", "文件编号",
)
_SPACED = r"\s*".join  # 索 引 号
LABEL_RE = re.compile(
    r"(?P<label>" + "|".join(_SPACED(x) for x in sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")


def _pairs(text: str) -> list[tuple[str, str]]:
    """Label/value pairs of one text; the value runs up to the next label."""
    found = list(LABEL_RE.finditer(text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        out.append((re.sub(r"\s+", "", m["label"]), text[m.end():end].strip()))
    return out


def starts_with_label(text: str) -> bool:
    return bool(LABEL_RE.match(text.strip()))


def parse_metadata(texts: list[str]) -> dict[str, str]:
    """Metadata from the page's texts outside the document, in document order.

    A label whose value is empty takes the next text when that text is not a label
    itself (label and value in separate table cells)."""
    meta: dict[str, str] = {}
    pending: str | None = None
    for text in texts:
        text = text.strip()
        if not text:
            continue
        bare = re.sub(r"\s+", "", text)
        if bare in LABELS:  # a label cell without its colon
            pending = bare
            continue
        pairs = _pairs(text) if LABEL_RE.match(text) else []
        if not pairs:
            if pending is not None:
                meta[pending] = text.lstrip(":： ").strip()
                pending = None
            continue
        pending = None
        for label, value in pairs:
            if label not in meta or not meta[label]:
                meta[label] = value
        if not pairs[-1][1]:
            pending = pairs[-1][0]
    return meta
