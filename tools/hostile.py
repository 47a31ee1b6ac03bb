"""Hostile inputs: each must end with a result or a clear error within its time and memory.

    python tools/hostile.py                 # every case, a table of outcome, seconds and peak RSS
    python tools/hostile.py --only tiny     # the tiny inputs (10 s, 500 MB each)
    python tools/hostile.py --only big      # zip bomb, billion laughs, 100,000-deep HTML, 200 MB TXT,
                                            # a 50 MB line (30 s, 1 GB each)

Every case is built here from the samples or from nothing (no large files in the repository)
and run through `tools/fuzz.py`'s target (parse, JSON, validate, every export) in a worker
process with the case's limits.  `tests/test_hostile.py` runs the tiny cases and scaled-down
big ones; this script is the full-size check whose figures are in the README.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz  # noqa: E402

SAMPLES = fuzz.SAMPLES
TXT = (SAMPLES / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8")
DOCX = (SAMPLES / "jining-gaoxin-2023-5.docx").read_bytes()


def docx_with(parts: dict[str, bytes | None], base: bytes = DOCX, method: dict | None = None) -> bytes:
    """The sample DOCX with members replaced (None: removed) or added."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        names = [i.filename for i in src.infolist()] + [n for n in parts if n not in src.namelist()]
        for name in names:
            body = parts[name] if name in parts else src.read(name)
            if body is not None:
                z.writestr(name, body)
    data = buf.getvalue()
    for name, code in (method or {}).items():  # the compression method, in both headers
        for sig, at_method, at_name in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
            at = data.find(sig)
            while at >= 0:
                if data[at + at_name:at + at_name + len(name)] == name.encode():
                    data = data[:at + at_method] + code + data[at + at_method + 2:]
                at = data.find(sig, at + 4)
    return data


def document_xml(body: str, extra_ns: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            f'{extra_ns}><w:body>{body}</w:body></w:document>').encode()


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


def numbering_xml(start: str, fmt: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
            f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()


def numbered_doc(start: str, fmt: str, n: int = 3) -> bytes:
    body = "".join(para(f"第{k}项内容", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
                   for k in range(n))
    return docx_with({"word/document.xml": document_xml(body), "word/numbering.xml": numbering_xml(start, fmt)})


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(f'<!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">'.encode()
                             for k in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  + "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p>"
                  "</w:body></w:document>".encode())
XXE = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
       b'<!ENTITY % p SYSTEM "file:///etc/passwd">]>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       + "<w:body><w:p><w:r><w:t>通知&x;</w:t></w:r></w:p><w:p><w:r><w:t>正文内容</w:t></w:r></w:p>"
       "</w:body></w:document>".encode())


def zip_bomb(inflated: int) -> bytes:
    """A DOCX whose document.xml inflates to `inflated` bytes of XML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        src = zipfile.ZipFile(io.BytesIO(DOCX))
        for name in src.namelist():
            if name != "word/document.xml":
                z.writestr(name, src.read(name))
        head = document_xml("").split(b"<w:body>")[0] + b"<w:body>"
        row = para("正文内容" * 10).encode()
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = row * (1_000_000 // len(row))
            written = len(head)
            while written < inflated:
                fh.write(chunk)
                written += len(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def tiny_pdf(stream: bytes, pages: int = 1, size: tuple = (595, 842)) -> bytes:
    """A PDF of `pages` pages, each drawing `stream` with Helvetica."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for k in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * k} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def text_rows(rows: int, size: float = 10, x: float = 72, y0: float = 770, step: float = 14) -> bytes:
    return b"".join(b"BT /F1 %g Tf %g %g Td (Row %d of the page text here) Tj ET\n" % (size, x, y0 - k * step, k)
                    for k in range(rows))


def tiny_cases() -> dict[str, tuple[str, bytes]]:
    """The tiny inputs of issue 12 (each: 10 s, 500 MB)."""
    toc = TXT.split("\n")
    head = next(i for i, l in enumerate(toc) if l.strip().replace(" ", "") == "目录")
    return {
        "toc-only": ("txt", "\n".join(toc[head:head + 30]).encode()),
        "docx-no-body": ("docx", docx_with({"word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w='
                                            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'})),
        "docx-no-styles": ("docx", docx_with({"word/styles.xml": None, "word/stylesWithEffects.xml": None})),
        "docx-styles-not-styles": ("docx", docx_with({"word/styles.xml": b'<?xml version="1.0"?><x/>'})),
        "docx-numbering-not-numbering": ("docx", docx_with({"word/numbering.xml": b'<?xml version="1.0"?><x/>'})),
        "docx-document-text-root": ("docx", docx_with({"word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w='
                                                        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                                        b'text</w:document>'})),
        "docx-deflate-broken": ("docx", _corrupt_member(docx_with({}), "word/document.xml")),
        "docx-unknown-compression": ("docx", docx_with({}, method={"word/document.xml": b"\x63\x00"})),
        "docx-font-size-huge": ("docx", docx_with({"word/document.xml": document_xml(
            para("标题", rpr=f'<w:sz w:val="{"9" * 400}"/>') + para("正文", '<w:ind w:firstLine="' + "9" * 5000 + '"/>'))})),
        "docx-circled-digits": ("docx", docx_with({"word/document.xml": document_xml(
            para("标题", '<w:outlineLvl w:val="①"/><w:ind w:firstLineChars="²"/>', '<w:sz w:val="①"/>')
            + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="²"/></w:tcPr>' + para("格") + "</w:tc></w:tr></w:tbl>")})),
        "docx-gridspan-huge": ("docx", docx_with({"word/document.xml": document_xml(
            '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="200000000"/></w:tcPr>' + para("格")
            + "</w:tc></w:tr></w:tbl>" + para("正文"))})),
        "docx-numbering-start-roman": ("docx", numbered_doc("9999999999", "upperRoman")),
        "docx-numbering-start-letters": ("docx", numbered_doc("9999999999", "lowerLetter")),
        "docx-numbering-start-chinese": ("docx", numbered_doc("9" * 5000, "chineseCounting")),
        "docx-many-tables": ("docx", docx_with({"word/document.xml": document_xml(
            ('<w:tbl>' + ('<w:tr>' + ('<w:tc>' + para("格") + '</w:tc>') * 8 + '</w:tr>') * 20 + '</w:tbl>') * 300)})),
        "docx-xxe": ("docx", docx_with({"word/document.xml": XXE})),
        "docx-billion-laughs": ("docx", docx_with({"word/document.xml": BILLION_LAUGHS})),
        "docx-styles-laughs": ("docx", docx_with({"word/styles.xml": BILLION_LAUGHS})),
        "txt-5000-digits": ("txt", ("济兖政发〔2021〕6号\n关于印发的通知\n" + "1" * 5000 + "年3月4日\n第" + "9" * 5000 + "条\n").encode()),
        "txt-lone-surrogates": ("txt", "关于\ud800的通知\n正文\udfff内容\n".encode("utf-8", "surrogatepass")),
        "txt-list-9-million": ("txt", "关于印发方案的通知\n各单位：\n一、总则\n九百万、内容\n九千九百九十九万、内容\n（九百万）项\n".encode()),
        "txt-doc-numbers-3000": ("txt", ("济兖政发〔2021〕6号\x0b\x1b\n" * 3000).encode()),
        "txt-line-40000": ("txt", ("关于印发的通知\n" + "济兖政发〔2021〕6号，一、（一）1." * 2000 + "\n").encode()),
        "txt-control-chars": ("txt", ("\x0c\x0b关于\x1b的通知\n" * 2000).encode()),
        "html-utf16-charset": ("html", '<html><head><meta charset="utf-16"></head><body><p>关于印发的通知</p>'
                                       '<p>正文内容。</p></body></html>'.encode()),
        "html-nested-5000": ("html", b"<html><body>" + b"<div>" * 5000 + "正文".encode() + b"</div>" * 5000 + b"</body></html>"),
        "html-colspan": ("html", '<html><body><table><tr><td colspan="999999999">格</td></tr></table><p>正文</p></body></html>'.encode()),
        "pdf-row-far-off": ("pdf", tiny_pdf(text_rows(20) + b"BT /F1 10 Tf 90000 -90000 Td (far away) Tj ET\n")),
        "pdf-row-far-right": ("pdf", tiny_pdf(text_rows(20) + b"BT /F1 10 Tf 900000000 400 Td (far away) Tj ET\n")),
        "pdf-empty-pages": ("pdf", tiny_pdf(b"", pages=3)),
        "pdf-huge-mediabox": ("pdf", tiny_pdf(text_rows(30), size=(900000000, 900000000))),
        "pdf-tiny-text-many-rows": ("pdf", tiny_pdf(text_rows(250, size=3, step=3.2), pages=15)),
    }


def _corrupt_member(data: bytes, name: str) -> bytes:
    """Garble the compressed bytes of one member (its CRC is left as it was)."""
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        n, extra = int.from_bytes(data[at + 26:at + 28], "little"), int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 30:at + 30 + n] == name.encode():
            start = at + 30 + n + extra
            return data[:start + 10] + bytes(b ^ 0x5A for b in data[start + 10:start + 200]) + data[start + 200:]
        at = data.find(b"PK\x03\x04", at + 4)
    return data


def big_cases(scale: float = 1.0) -> dict[str, tuple[str, bytes]]:
    """The large inputs of issue 12 (each: 30 s, 1 GB); `scale` shrinks them for the tests."""
    mb = 1024 * 1024
    para_ = "　　" + TXT.split("\n")[40] + "\n"
    return {
        "docx-zip-bomb": ("docx", zip_bomb(int(1100 * mb * scale))),
        "html-nested-100000": ("html", b"<html><body>" + b"<div>" * int(100_000 * scale) + "正文".encode()
                               + b"</div>" * int(100_000 * scale) + b"</body></html>"),
        "txt-200mb": ("txt", (TXT.encode() * (int(200 * mb * scale) // len(TXT.encode()) + 1))),
        "txt-line-50mb": ("txt", ("关于印发的通知\n" + para_.strip() * (int(50 * mb * scale) // len(para_.strip().encode()) + 1)).encode()),
        "txt-at-the-limits": ("txt", (TXT * int(2_900_000 * scale / len(TXT))).encode()),
        "pdf-3000-pages": ("pdf", tiny_pdf(text_rows(200, size=3, step=3.6), pages=max(2, int(3000 * scale)))),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=("tiny", "big"))
    ap.add_argument("--case", action="append", help="run only these cases")
    args = ap.parse_args(argv)
    groups = []
    if args.only != "big":
        groups.append(("tiny", tiny_cases(), 10.0, 500))
    if args.only != "tiny":
        groups.append(("big", big_cases(), 30.0, 1024))
    bad = 0
    with tempfile.TemporaryDirectory(prefix="gazette-hostile-") as tmp:
        for group, cases, timeout, memory in groups:
            with fuzz.Runner(timeout, memory) as runner:
                for name, (fmt, data) in cases.items():
                    if args.case and name not in args.case:
                        continue
                    path = Path(tmp) / f"{name}.{fmt}"
                    path.write_bytes(data)
                    runner.close()  # a fresh worker: its peak RSS is this case's
                    res = runner.check(path)
                    path.unlink()
                    ok = res["outcome"] in ("ok", "load-error")
                    bad += not ok
                    detail = res.get("message") or res.get("signature") or ""
                    print(f"{group:5} {name:30} {len(data) / 1e6:9.3f} MB  {res['outcome']:10} "
                          f"{res.get('seconds', 0):7.2f} s  {res.get('maxrss_mb', '-'):>7} MB  {detail[:110]}",
                          flush=True)
                    if "/etc/passwd" in json.dumps(res) or "root:x:0:0" in json.dumps(res):
                        print("  !! /etc/passwd leaked", flush=True)
                        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
