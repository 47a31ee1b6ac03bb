"""Web-page furniture: the page's metadata block and its chrome (breadcrumbs, counters, tools,
download and 解读 links, footers, tags), in whatever layout the site prints them.

Portals print the same metadata (索引号, 发布机构, 成文日期, 发文字号…) as `label: value` runs, as a
bullet list with each value on the line under its label, as a pipe table, or as a markdown
list.  The labels are a vocabulary (data below); the layouts are read generically: a line of
labelled values, or a label alone whose value is the next line (unless that line is the
document's title or text).  Chrome is a vocabulary of portal words (返回顶部, 视力保护色, 浏览量…)
and of shapes (breadcrumbs `首页 > … > …`, file names, links).
"""
from __future__ import annotations

import re

from ..docnumber import is_doc_number_line
from ..lineclass import ATTACHMENT_NOTE, FILE_EXTENSION, title_ending
from ..model import Line
from . import Context

META_KEYS = ("索引号", "信息索引号", "发布机构", "发文机构", "公开方式", "组配分类", "主题分类", "信息分类", "体裁分类",
             "服务对象分类", "服务对象", "公开日期", "公开日", "公开形式", "责任部门", "是否有效", "著录日期", "生成日期", "成文日期", "发文日期", "失效日期", "有效性", "时效性", "效力级别", "效力状态", "发布日期",
             "发布时间", "公布日期", "施行日期", "实施日期", "生效日期", "废止日期", "发文字号", "文件编号", "文号",
             "发文机关", "制定机关", "所属机构", "统一编号", "标题", "主题词", "关键词", "公开范围", "公开时限",
             "内容概述", "内容概要", "摘要", "信息来源", "点击次数", "浏览次数", "登记号", "文件状态", "规范性文件登记号",
             "状态", "发布部门", "发布单位", "发布文号", "所属类别", "文件来源", "发文单位", "成文时间", "发布者",
             "中文名", "颁布单位", "颁布时间", "实施时间", "所属地区", "执行日期", "发布单位", "更新日期", "更新时间",
             # a library database's record of an extract ('颗粒名称: 某县1958年大事记')
             "知识类型", "内容出处", "唯一号", "颗粒名称", "分类号", "页数", "页码",
             # a law database's record ('【颁布时间】2024-7-4', '【发文号】', '【法规全文】')
             "发文号", "失效时间", "法规来源", "法规全文", "法规类别")
# labels may be letter-spaced to align the block: '索 引 号：', '标    题：'
_LABELS = "|".join(r"[ \u3000]*".join(k) for k in sorted(META_KEYS, key=len, reverse=True))
META_RE = re.compile(rf"【?({_LABELS})(?:\s*[:：]|】\s*[:：]?)\s*")  # ('发布机构：…', a law database's '【颁布单位】…')
LABEL_CELL = re.compile(rf"(?:{_LABELS})\s*[:：]?")
LIST_MARK = re.compile(r"^\s*(?:[•·●◆▪■□\-*+]|\d{1,2}[.、])\s*")
PIPES = re.compile(r"^\s*\|.*\|\s*$")
# labels set apart by spaces only, each before its value: '索 引 号 0106/2023-00071 发布机构 某办公室 公开日 2023-07-04'
META_SPACED = re.compile(rf"(?:^|(?<=\s))({_LABELS})(?=\s|$)\s*")

# the words of a portal's tools and labels; a line of them, alone or run together ('打赏捐赠'), is
# chrome (no word may match a variable run: repeated, it would backtrack without end)
_CHROME_WORDS = (
    r"来源|信息来源|作者|责任编辑|打印本页|打印|关闭窗口|关闭|"
    r"字号|字体|分享到|分享|收藏|视力保护色|浏览量|浏览次数|阅读量|阅读次数|访问量|点击量|点击数|点击次数|访问次数|"
    r"归档时间|下载地址|扫一扫|返回顶部|返回首页|返回列表|上一篇|下一篇|相关链接|相关文件|相关阅读|相关文章|相关词条|"
    r"热门词条|热点推荐|推荐阅读|最新阅读|热门推荐|附件下载|网站地图|联系我们|联络我们|关于我们|基本介绍|温馨提示|导语|反馈|关注更新|"
    r"发表评论|互动社区|【?资料图】?|\[?图片\]?|打赏|捐赠|我要举报(?:这篇|本篇|此)?(?:文章)?|举报|声明|免责声明|购物车|点赞|评论|信息发布者|发布者|"
    r"用户名|用户登录|立即注册|还没有账号\??|忘记密码|密码|记住我|加入收藏|登录|注册|表情|朗读|听全文|主动公开|依申请公开|提交|搜索|取消|确定|相关解读|关联稿件|"
    r"相关附件|相关新闻|责编|审核|查看原文|(?:论文|文章)?(?:部分内容|全文|在线)阅读")
# portal words and shapes that are never document text
CHROME = [re.compile(p) for p in (
    r"^\s*(?:您|你)?(?:当前|现在)?(?:的|所在)?位置\s*[:：]",
    r"^\s*[>＞»›]\s*\S+\s*[>＞»›]",
    r"\.(?:png|jpe?g|gif|bmp|webp)\s*$",
    r"\.(?:png|jpe?g|gif|bmp|webp)\S+\.(?:png|jpe?g|gif|bmp|webp)",  # images' file names run together
    r"\.(?:docx?|pdf|xlsx?|wps|zip|rar|ofd|et)\)?\s*$",
    r"^\s*\S{0,10}(?:解读|发布会|图解|问答)\s*[|｜]",
    r"^[\s!！•·*\-]*[【\[]?\s*(?:" + _CHROME_WORDS + r")(?:\s*(?:" + _CHROME_WORDS + r"))*\s*(?:[:：】\]]|$|\s)",
    r"^[\s!！•·*\-]*[【\[]?\s*编辑\s*[:：]\s*\S*?\s*(?:来源|时间|日期)",
    r"扫一扫|手机打开当前页|网站标识码|ICP备|公网安备|版权所有|技术支持\s*[:：]|建议使用.{0,12}浏览器|分辨率|浏览器版本|"
    r"微信搜索|公众号|扫码关注|返回\S{0,6}首页|查看全文|如果要查看全文|维基文库|Wikisource|Public domain|"
    r"本作品是中华人民共和国的法律法规|本网注明|转载请注明|今日热点|热点新闻|打开.{0,8}查看更多",
    r"^\s*[（(]\s*(?:编辑|责任编辑|责编|编审|校对|记者|通讯员|审核)\s*[:：][^（）()]{1,20}[)）]\s*$",
    r"^\s*(?:关键词|关键字|标签|Tags?)\s*[:：]",
    r"^\s*[（(]\s*(?:本文|全文|原文|此文)?(?:有|略有|已)?(?:删减|删节|节选|摘编)\s*[)）]\s*$",  # an editor's note on the text
    r"^\s*[（(]\s*此页无正文\s*[)）]\s*$",  # a page left empty between documents
    r"请为本文(?:选择|评分|打分|评价)|登录个人中心",  # a portal's rating and consultation widgets
    r"^\s*[•·]\s*(?:时间|日期|点击|浏览|阅读|来源|作者)\s*[:：]\s*\S{0,30}$",  # a bulleted list of the page's facts
    r"^\s*【\s*(?:打印|关闭|大|中|小|字号|收藏|返回顶部|发表评论|互动社区)\s*】",
    r"^\s*第\s*\[?\d+\]?\s*页\s*共\s*\[?\d+\]?\s*页\s*$",
    r"^\s*<!--.*-->\s*$",
    r"^\s*(?:Original URL|URL|原文地址|原文链接|网址|链接)\s*[:：]\s*\S+\s*$|^\s*<?(?:https?://|www\.)\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?\s*$",   # (a browser's print footer: URL and 'N/M')
    r"^\s*\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s|$)",   # a page's time stamp
    r"[（(][^（）()]{0,16}摄[^（）()，。]{0,8}[)）]\s*$",   # a photo's caption, closed by its credit '（张三 摄）'
)]
# a breadcrumb: '首页 > 政务公开 > 政策文件', '首页>>公开信息内容' — perhaps ending in the page's title
BREADCRUMB = re.compile(r"^\s*(?:[^\s>＞»›]{1,16}\s*(?:>>|>|＞|»|›)\s*){2,}|^\s*首页\s*(?:>>|>|＞|»|›)\s*(?:[^\s>＞»›]{1,16}\s*(?:>>|>|＞|»|›)\s*)*"
                        r"|^(?:[\u4e00-\u9fff\d]{1,16}/){2,}(?=[\u4e00-\u9fff])")   # a wiki's path: '某公报/一九五四年/第一号/…'

# a heading of the site's related items: after the document's text, the rest of the page is links and teasers
RELATED = re.compile(r"^[【\[]?\s*(?:相关|推荐|延伸|热门|热点|最新)(?:链接|阅读|文章|新闻|推荐|词条)\s*[】\]]?\s*[:：]?\s*$|^猜你喜欢$")

# a browser's print footer (the page's address and 'N/M') after text on a line: '一、活动主题http://…html　1/5'
PRINT_FOOTER_GLUED = re.compile(r"(?<=\S)\s*(?:https?://|www\.)\S+\s+\d{1,3}\s*/\s*\d{1,3}\s*$")

# a tag before a page heading: '【政策文件】某区…的通知'; a site's English caption run into the text
HEAD_TAG = re.compile(r"^\s*【[^】\s]{2,6}】(?=[\u4e00-\u9fff]{6,})|^\s*[A-Za-z][A-Za-z ]{8,}[A-Za-z](?=[\u4e00-\u9fff])")


def metadata_pairs(text: str) -> list[tuple[str, str]] | None:
    """'索引号: X 发布机构: Y' → [(索引号, X), (发布机构, Y)] if the line is only such pairs
    (after a list mark, between pipes, or two labels or more set apart by spaces alone)."""
    t = LIST_MARK.sub("", text)
    if ":" not in text and "：" not in text and "】" not in text and "|" not in text:
        if not (" " in t or "\u3000" in t) or not META_SPACED.match(t):
            return None  # (no label: the common case)
        pairs = _pairs(t, list(META_SPACED.finditer(t)))
        return pairs if pairs and len(pairs) >= 2 and all(_value_line(v) or not v for _, v in pairs) else None
    cells = [c.strip() for c in t.strip().strip("|").split("|")]
    if PIPES.match(t) or t.count("|") >= 2 and _is_label(cells[0]):  # a table's row, its outer pipes kept or not
        t = " ".join(f"{c}{'' if c.endswith((':', '：')) else ':'}" if _is_label(c) else c for c in cells)
    return _pairs(t, list(META_RE.finditer(t)))


def _pairs(t: str, matches: list[re.Match]) -> list[tuple[str, str]] | None:
    if not matches or t[: matches[0].start()].strip():
        return None
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(t)
        pairs.append((re.sub(r"\s+", "", m.group(1)), t[m.end():end].strip()))
    return pairs


def _is_label(cell: str) -> bool:
    return bool(LABEL_CELL.fullmatch(cell.strip()))


def _value_line(text: str) -> bool:
    """The line under a bare label holds its value: short, not a sentence, not a document title."""
    t = text.strip()
    if not t or len(t) > 60 or re.search(r"[。；;！？]", t):
        return False
    if is_doc_number_line(t) or re.match(r"^\d", t):
        return True
    return title_ending(t) is None and not META_RE.match(LIST_MARK.sub("", t))


# a portal's line of labelled facts about the page: '时间:… 来源:… 作者:… 阅读:8400', '上载日期:… 来源:…'
PORTAL_LABEL = re.compile(r"(?:[\u4e00-\u9fff]{0,2}(?:时间|日期)|来源|作者|(?:阅读|浏览|点击|访问)(?:次数|量)?|发布时间|发布日期|更新时间|更新日期|字号|编辑|责任编辑|信息来源|"
                          r"文章来源|发布人|发布者|审核|撰稿)\s*[:：]")


COUNTER = re.compile(r"^\d{1,9}$")
# a news item's dateline: agency, place and date, then 电 ('新华社北京10月23日电', '新华网北京3月16日电')
DATELINE = re.compile(r"^[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电(?:[（(][^（）()]{1,12}[)）])?(?:\s+|(?=[\u4e00-\u9fff])|$)")


def is_chrome(text: str) -> bool:
    if len(text) > 160:  # page chrome is short; a paragraph is never chrome
        return False
    if any(p.search(text) for p in CHROME):
        return True
    labels = list(PORTAL_LABEL.finditer(text))  # (after the site's name, perhaps: '某某门户网站  更新时间:… 来源:…')
    lead = text[:labels[0].start()].strip() if labels else ""
    return len(labels) >= 2 and (not lead or len(lead) <= 16 and lead.endswith(("网", "网站"))) and len(text) <= 120


# a label run into its value, no colon or space between: '发文机关国务院办公厅', '时效性现行有效'
META_GLUED = re.compile(rf"^({_LABELS})(?=[^\s:：|】])(.{{1,40}})$")


def record_pairs(raw: str) -> list[tuple[str, str]] | None:
    """The pairs a line of a metadata block (as recorded) held, in any of its forms."""
    if pairs := metadata_pairs(raw):
        return pairs
    m = META_GLUED.match(raw.strip())
    return [(re.sub(r"\s+", "", m[1]), m[2].strip())] if m else None


def _glued_block(content: list[Line]) -> dict[int, tuple[str, str]]:
    """Lines of a metadata block whose labels run into their values: three such lines in a row or more
    (one alone could be any line that begins with a label's words)."""
    found = {k: (re.sub(r"\s+", "", m[1]), m[2].strip()) for k, l in enumerate(content)
             if (m := META_GLUED.match(l.text.strip()))}
    block: dict[int, tuple[str, str]] = {}
    run: list[int] = []
    for k in sorted(found) + [None]:
        if run and (k is None or k != run[-1] + 1):
            if len(run) >= 3:
                block.update((j, found[j]) for j in run)
            run = []
        if k is not None:
            run.append(k)
    return block


def drop_web_furniture(lines: list[Line], ctx: Context) -> list[Line]:
    """Metadata blocks into ctx.metadata; chrome lines dropped; a tag before a heading cut."""
    content = [l for l in lines if l.text.strip()]
    glued = _glued_block(content)
    kept: list[Line] = []
    k = 0
    swallow_continuation = False
    while k < len(content):
        line = content[k]
        text = line.text.strip()
        k += 1
        if k - 1 in glued:
            key, value = glued[k - 1]
            ctx.metadata.setdefault(key, value)
            ctx.correct(line, text, "", "web-metadata")
            continue
        if k >= 2 and (not kept or kept[-1] is not content[k - 2]) and COUNTER.match(text):
            ctx.correct(line, text, "", "web-furniture")  # a counter under a tool or a label: '浏览次数' over '4874'
            continue
        if swallow_continuation:
            swallow_continuation = False
            if "解读" in text or text.endswith(("》", ")", "）")):
                ctx.correct(line, text, "", "web-furniture")
                continue
        pairs = metadata_pairs(text)
        if pairs is not None:
            if len(pairs) == 1 and not pairs[0][1] and k < len(content) and _value_line(content[k].text):
                ctx.correct(content[k], content[k].text.strip(), "", "web-metadata")
                pairs = [(pairs[0][0], content[k].text.strip())]
                k += 1
            for key, value in pairs:
                ctx.metadata.setdefault(key, value)
            ctx.correct(line, text, "", "web-metadata")
            continue
        dateline = DATELINE.match(text)
        if dateline:  # a news agency's dateline: '新华社北京10月23日电', before the text or alone
            ctx.correct(line, dateline.group(0).strip(), "", "web-furniture")
            rest = text[dateline.end():].strip()
            if not rest:
                continue
            line.text, text = rest, rest
        crumb = BREADCRUMB.match(text)
        if crumb:
            rest = text[crumb.end():].strip()
            if len(rest) >= 6 and title_ending(rest):  # the crumbs end in the page's title
                ctx.correct(line, text[:crumb.end()].strip(), "", "web-furniture")
                line.text = rest
                kept.append(line)
                continue
            if len(rest) <= 16 and not re.search(r"[。；，]", rest):
                ctx.correct(line, text, "", "web-furniture")
                continue
        if RELATED.match(text) and any(l.text.rstrip().endswith("。") for l in kept):
            for rest in content[k - 1:]:  # the document's text is over: what follows is the site's teasers
                ctx.correct(rest, rest.text.strip(), "", "web-furniture")
            break
        if is_chrome(text) and not _note_goes_on(kept, text) and not (ATTACHMENT_NOTE.match(text) and FILE_EXTENSION.search(text)):
            ctx.correct(line, text, "", "web-furniture")
            _drop_link_number(kept, ctx)
            # a wrapped link line ('主要领导人解读 | 行政审' + '批…解读《…》') swallows its tail
            swallow_continuation = bool(re.search(r"[|｜]", text)) and not text.endswith(("》", "）", ")", "通知", "。"))
            continue
        if m := PRINT_FOOTER_GLUED.search(text):  # a browser's print footer run into the page's last line
            ctx.correct(line, m.group(0).strip(), "", "web-furniture")
            line.text = text = text[:m.start()].rstrip()
        m = HEAD_TAG.match(line.text)
        if m and not (re.search(r"(?:[.．…·]{2,}|\s|[:：])\S*\d\s*[)）]?$", text)  # not a TOC entry's section
                      or m.group(0).lstrip().startswith("【") and text.endswith((":", "："))):  # (its page wrapped)
            ctx.correct(line, m.group(0).strip(), "", "web-furniture")
            line.text = line.text[m.end():]
        kept.append(line)
    return kept


FILE_NAME = re.compile(r"^[^\s:：]{2,80}" + FILE_EXTENSION.pattern)


def _note_goes_on(kept: list[Line], text: str) -> bool:
    """A file's name that ends the attachment note broken above it ('附件：…常务' over '会议….xlsx'),
    not a download link."""
    if not FILE_NAME.match(text):
        return False
    for k in range(len(kept) - 1, max(-1, len(kept) - 4), -1):  # the note may be wrapped over lines
        t = kept[k].text.strip()
        if FILE_EXTENSION.search(t) or t[-1:] in "。；;":
            return False
        if ATTACHMENT_NOTE.match(t):
            return True
    return False


def _drop_link_number(kept: list[Line], ctx: Context) -> None:
    """A download link printed as '文号' + '(标题).doc' on two lines: the 文号 line goes too."""
    if not kept or not is_doc_number_line(kept[-1].text) or kept[-1].text.strip().startswith(("(", "（")):
        return
    prev = kept[-2].text.strip() if len(kept) > 1 else ""
    if not prev or prev.endswith(("。", "）", ")", "png", "PNG")) or "下载" in prev:
        ctx.correct(kept[-1], kept[-1].text.strip(), "", "web-furniture")
        del kept[-1]
