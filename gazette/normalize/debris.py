"""Steps that remove debris left by converters: compatibility code points, markup, LaTeX, web pages."""
from __future__ import annotations

import re
import unicodedata

from ..model import Line
from . import Context


def substitute(lines: list[Line], ctx: Context, pattern: re.Pattern, repl, rule: str) -> list[Line]:
    """Apply a regex substitution to every line, recording each changed span."""
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


# --- 2. markup ---------------------------------------------------------------------------------
_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


def strip_markup(lines: list[Line], ctx: Context) -> list[Line]:
    """DOCX bookmarks, markdown bullets/bold/headings."""
    for pattern, rule in ((_BOOKMARK, "docx-bookmark"), (_MD_BULLET, "markdown"), (_MD_BOLD, "markdown"),
                          (_MD_HEADING, "markdown")):
        substitute(lines, ctx, pattern, "", rule)
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
    substitute(lines, ctx, _LATEX_MATH, lambda m: _latex_inner(m.group(1)), "latex")
    return substitute(lines, ctx, re.compile(r"(?:" + _LATEX_CMD.pattern + r")\s?"),
                      lambda m: LATEX_SYMBOLS[m.group(0).rstrip()], "latex")


# --- 4. an English 'and' between Chinese words ---------------------------------------------------
_AND = re.compile(r"(?<=[\u4e00-\u9fff])\s*\band\b\s*(?=[\u4e00-\u9fff])")


def english_and(lines: list[Line], ctx: Context) -> list[Line]:
    """``企业 and 群众`` → ``企业和群众`` (a converter translated 和)."""
    return substitute(lines, ctx, _AND, "和", "english-and")


# --- 5. web-page furniture -----------------------------------------------------------------------
_META_KEYS = ("索引号", "发布机构", "公开方式", "组配分类", "主题分类", "成文日期", "失效日期", "有效性",
              "发布日期", "发布时间", "发文字号", "发文机关", "点击次数", "浏览次数", "信息来源", "文号", "生效日期",
              "公开范围", "公开时限", "体裁分类", "所属机构", "统一编号", "标题", "主题词", "信息索引号")
# labels may be letter-spaced to align the block: '索 引 号：', '标    题：'
_META_RE = re.compile(r"(%s)\s*[:：]\s*" % "|".join(
    r"\s*".join(k) for k in sorted(_META_KEYS, key=len, reverse=True)))
_WEB_JUNK = [
    re.compile(r"^\s*当前位置\s*[:：]"),
    re.compile(r"^\s*[>＞»]\s*\S+\s*[>＞»]"),
    re.compile(r"^\s*\S{1,10}(?:\s*[>＞»›]\s*[^\s>＞»›]{1,12}){2,}\s*$"),  # 首页 > 政务公开 > 政策文件
    re.compile(r"\.(png|jpe?g|gif|bmp)\s*$", re.I),
    re.compile(r"\.(docx?|pdf|xlsx?|wps|zip|rar|ofd)\)?\s*$", re.I),
    re.compile(r"^\s*\S{0,10}(解读|发布会|图解|问答)\s*[|｜]"),
    re.compile(r"^\s*[【\[]?\s*(来源|信息来源|责任编辑|打印本页|关闭窗口|字体|分享到)\s*[:：】\]]?"),
    re.compile(r"扫一扫|手机打开当前页|网站标识码|ICP备|公网安备"),
    re.compile(r"^\s*(上一篇|下一篇|相关链接|相关文件|附件下载)\s*[:：]?"),
]


def _metadata_pairs(text: str) -> list[tuple[str, str]] | None:
    """'索引号: X 发布机构: Y' → [(索引号, X), (发布机构, Y)] if the line is only such pairs."""
    matches = list(_META_RE.finditer(text))
    if not matches or text[: matches[0].start()].strip():
        return None
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        pairs.append((re.sub(r"\s+", "", m.group(1)), text[m.end():end].strip()))
    return pairs


def drop_web_furniture(lines: list[Line], ctx: Context) -> list[Line]:
    """Breadcrumbs, metadata blocks, icons, download and 解读 links, footers (web-page text)."""
    kept: list[Line] = []
    swallow_continuation = False
    for line in lines:
        text = line.text.strip()
        if not text:
            kept.append(line)
            continue
        if swallow_continuation:
            swallow_continuation = False
            if "解读" in text or text.endswith(("》", ")", "）")):
                ctx.correct(line, text, "", "web-furniture")
                continue
        pairs = _metadata_pairs(text)
        if pairs is not None:
            for key, value in pairs:
                ctx.metadata.setdefault(key, value)
            ctx.correct(line, text, "", "web-metadata")
            continue
        if any(p.search(text) for p in _WEB_JUNK):
            ctx.correct(line, text, "", "web-furniture")
            _drop_link_number(kept, ctx)
            # a wrapped link line ('主要领导人解读 | 行政审' + '批…解读《…》') swallows its tail
            swallow_continuation = bool(re.search(r"[|｜]", text)) and not text.endswith(("》", "）", ")", "通知", "。"))
            continue
        kept.append(line)
    return kept


def _drop_link_number(kept: list[Line], ctx: Context) -> None:
    """A download link printed as '文号' + '(标题).doc' on two lines: the 文号 line goes too."""
    from ..docnumber import is_doc_number_line

    i = len(kept) - 1
    while i >= 0 and not kept[i].text.strip():
        i -= 1
    if i >= 0 and is_doc_number_line(kept[i].text) and not kept[i].text.strip().startswith(("(", "（")):
        j = i - 1
        while j >= 0 and not kept[j].text.strip():
            j -= 1
        prev = kept[j].text.strip() if j >= 0 else ""
        if not prev or prev.endswith(("。", "）", ")", "png", "PNG")) or "下载" in prev:
            ctx.correct(kept[i], kept[i].text.strip(), "", "web-furniture")
            del kept[i]
