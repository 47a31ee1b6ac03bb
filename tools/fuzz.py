"""A deterministic mutation fuzzer for gazette's loaders, parser, validator and exporters.

    python tools/fuzz.py run --inputs 10000 --seed 12 --jobs 2          # the long run (README figures)
    python tools/fuzz.py run --inputs 200 --seed 12 --save tests/fixtures/fuzz   # keep reproducers
    python tools/fuzz.py check FILE...                                  # one outcome per file

Seeds are the bulletins under `samples/` (and cuts of them: the first pages of the PDF, the
first lines of the texts).  Each input is a seed changed by a few mutations chosen by a
`random.Random(seed, input number)`, so a run is the same on every machine: byte flips, cuts
and splices for every format; for texts, hostile lines (long digit runs, repeated document
numbers, huge list numbers, control characters, lone surrogates); for DOCX, changes inside the
ZIP (members dropped, corrupted, stored with unknown compression; XML attributes set to huge,
negative or non-ASCII numbers; elements repeated or nested deep); for PDF, the numbers of the
content streams (positions, font sizes) scaled, text objects repeated; for HTML, charsets,
deep nesting, spans and tables.

Every input goes through what a user can ask of a file: `gazette.parse` → `to_dict` → JSON as
UTF-8 → `validate_issue` → every export record kind.  It runs in a worker process with an
address-space limit (`--memory`, MB) and a time limit (`--timeout`, s) per input; the worker is
killed and restarted after a hang.  Outcomes: `ok`, `load-error` (a GazetteError: the clear
one-line error users get), `crash` (any other exception: a bug), `hang`, `memory`
(MemoryError or killed at the limit).  Failures are grouped by signature (exception type and
the innermost gazette frame) and, with `--save DIR`, the smallest input of each signature is
minimised and written there as a reproducer (`tests/test_fuzz.py` runs every file there).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import select
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FORMATS = ("txt", "docx", "pdf", "html")
FAILURES = ("crash", "hang", "memory")


# ----------------------------------------------------------------------------- the target

def target(path: str) -> dict:
    """Everything a user can ask of one file; returns a summary (raises on a bug)."""
    from gazette import api
    from gazette.export import KINDS, iter_records
    from gazette.validate import validate_issue

    issue = api.parse(path)
    data = issue.to_dict()
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    findings = validate_issue(issue)
    for f in findings:
        json.dumps(f.to_dict() if hasattr(f, "to_dict") else vars(f), ensure_ascii=False).encode("utf-8")
    records = 0
    for kind in KINDS:
        for rec in iter_records(kind, [data]):
            json.dumps(rec, ensure_ascii=False).encode("utf-8")
            records += 1
    return {"documents": len(issue.documents), "json_bytes": len(text), "findings": len(findings),
            "records": records}


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost frame inside gazette (file:function)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/gazette/" in f.filename.replace("\\", "/")]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(where.filename).name}:{where.name}" if where else "?"
    return f"{type(exc).__name__} at {place}"


def worker(memory_mb: int) -> None:
    """Read paths from stdin, write one JSON outcome per line to stdout."""
    import resource

    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from gazette.errors import GazetteError
    import gazette.api  # noqa: F401  (imports before the first clock)
    import gazette.export  # noqa: F401
    import gazette.validate  # noqa: F401

    out = sys.stdout
    sys.stdout = sys.stderr  # nothing the target prints may break the protocol
    for line in sys.stdin:
        path = line.rstrip("\n")
        start = time.perf_counter()
        try:
            summary = target(path)
            result = {"outcome": "ok", **summary}
        except GazetteError as e:
            result = {"outcome": "load-error", "message": str(e)}
        except MemoryError:
            result = {"outcome": "memory", "signature": "MemoryError"}
        except RecursionError as e:
            result = {"outcome": "crash", "signature": _signature(e), "message": "RecursionError"}
        except Exception as e:  # noqa: BLE001  (that is the point)
            result = {"outcome": "crash", "signature": _signature(e), "message": f"{type(e).__name__}: {e}"[:300]}
        result["seconds"] = round(time.perf_counter() - start, 3)
        result["maxrss_mb"] = _peak_rss_mb()
        out.write(json.dumps(result) + "\n")
        out.flush()


def _peak_rss_mb() -> float:
    """The worker's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    process that started it)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class Runner:
    """A worker process with a time limit per input; restarted after a hang or a kill."""

    def __init__(self, timeout: float = 10.0, memory_mb: int = 1024):
        self.timeout, self.memory_mb = timeout, memory_mb
        self.proc: subprocess.Popen | None = None

    def _start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "worker",
                                      "--memory", str(self.memory_mb)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=env, cwd=str(ROOT))

    def check(self, path: str | Path) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        assert self.proc and self.proc.stdin and self.proc.stdout
        start = time.perf_counter()
        self.proc.stdin.write(str(path) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout + 5)  # + start-up
        line = self.proc.stdout.readline() if ready else ""
        elapsed = time.perf_counter() - start
        if line:
            result = json.loads(line)
            if result["seconds"] > self.timeout:
                result.update(outcome="hang", signature=f"slow ({result['seconds']:.0f} s)")
            return result
        if not ready:  # still working: a hang
            self.close()
            return {"outcome": "hang", "signature": "hang", "seconds": round(elapsed, 1)}
        code = self.proc.wait()
        self.proc = None
        return {"outcome": "memory" if code in (-6, -9, -11) else "crash",
                "signature": f"worker died (signal {-code})" if code < 0 else f"worker exited {code}",
                "seconds": round(elapsed, 1)}

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ----------------------------------------------------------------------------- seeds

def seeds() -> dict[str, list[bytes]]:
    """Seed files per format: the samples and small cuts of them (deterministic)."""
    out: dict[str, list[bytes]] = {f: [] for f in FORMATS}
    for p in sorted(SAMPLES.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in (".txt", ".md", ".html", ".docx", ".pdf"):
            continue
        fmt = {".md": "txt"}.get(p.suffix.lower(), p.suffix.lower().lstrip("."))
        data = p.read_bytes()
        if fmt == "pdf":
            out["pdf"].extend(_pdf_cuts(data))
        elif fmt in ("txt", "html"):
            out[fmt].append(data)
            lines = data.split(b"\n")
            if len(lines) > 120:
                out[fmt].append(b"\n".join(lines[:120]))
        else:
            out[fmt].append(data)
    return out


def _pdf_cuts(data: bytes) -> list[bytes]:
    """Pages 1, 2–3 and 10 of a PDF as small PDFs (parsing 44 pages per input is too slow)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    cuts = []
    for pages in ([0], [1, 2], [9]):
        writer = pypdf.PdfWriter()
        for k in pages:
            if k < len(reader.pages):
                writer.add_page(reader.pages[k])
        buf = io.BytesIO()
        writer.write(buf)
        cuts.append(buf.getvalue())
    return cuts


# ----------------------------------------------------------------------------- mutators

INTERESTING = [b"0", b"-1", b"1e308", b"99999999999999999999", b"4294967296", b"2147483648", b"-2147483649",
               b"NaN", b"\xe2\x91\xa0", b"\xc2\xb2", b"\xef\xbc\x95", b"000", b"1.5", b"", b"200000000"]
HOSTILE_LINES = [
    "九百万、九百万项", "九千九百九十九万、一项", "第九千九百九十九万条 规定", "（九百万）一项",
    "1" * 5000, "第" + "9" * 400 + "期", "济兖政发〔2021〕" + "9" * 200 + "号",
    "济兖政发〔2021〕6号" * 50, "\x00\x01\x02\x0b\x0c\x1b", "\ud800\udfff\udc00", "目录", "目 录",
    "一、" * 300, "（一）" * 300, "附件：" + "、".join(f"{k}.附件" for k in range(200)),
    "　" * 3000, "." * 5000 + "3", "2021年13月45日", "9999年99月99日", "二〇二一年十三月三十二日",
    "任命" + "张三为局长，" * 200, "\t".join(["单元格"] * 500), "<html><body>" * 20,
    "第一条" * 500, "1月1日 " * 500, "〔〕号", "〔" * 1000, "（" * 2000 + "）" * 10,
]


def _text_mutation(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = rng.randrange(10)
    k = rng.randrange(len(lines) + 1)
    if op == 0:  # a hostile line
        lines.insert(k, rng.choice(HOSTILE_LINES))
    elif op == 1:  # a line repeated many times
        if lines:
            src = lines[rng.randrange(len(lines))]
            lines[k:k] = [src] * rng.choice((50, 500, 3000))
    elif op == 2:  # lines dropped
        del lines[k:k + rng.randrange(1, 60)]
    elif op == 3:  # lines joined into one long line
        j = min(len(lines), k + rng.randrange(2, 400))
        lines[k:j] = ["".join(lines[k:j])]
    elif op == 4:  # lines shuffled
        part = lines[k:k + 40]
        rng.shuffle(part)
        lines[k:k + 40] = part
    elif op == 5:  # characters swapped for others seen in bulletins
        chars = list("\n".join(lines))
        for _ in range(rng.randrange(1, 50)):
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice("〔〕号第条章一二十百千万亿零〇、（）()1234567890.:：\t \x0b\ufeff\u200b\ufffd\u3000")
        return "".join(chars)
    elif op == 6:  # a number grown long
        m = list(re.finditer(r"\d+|[一二三四五六七八九十百千]+", "\n".join(lines)))
        joined = "\n".join(lines)
        if m:
            x = m[rng.randrange(len(m))]
            grown = (x.group() * rng.choice((20, 300, 3000)))[:20000]
            return joined[:x.start()] + grown + joined[x.end():]
    elif op == 7:  # the table of contents only
        head = [i for i, l in enumerate(lines) if "目" in l and "录" in l]
        if head:
            return "\n".join(lines[head[0]:head[0] + rng.randrange(3, 60)])
    elif op == 8:  # a long line of one character
        lines.insert(k, rng.choice("一。，a1〔 ") * rng.choice((2000, 20000, 60000)))
    else:  # a splice of another part of the text
        if lines:
            a = rng.randrange(len(lines))
            lines[k:k] = lines[a:a + rng.randrange(1, 100)]
    return "\n".join(lines)


def _byte_mutation(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    b = bytearray(data)
    op = rng.randrange(7)
    if not b:
        return bytes(rng.randbytes(10))
    i = rng.randrange(len(b))
    if op == 0:
        for _ in range(rng.randrange(1, 20)):
            j = rng.randrange(len(b))
            b[j] ^= 1 << rng.randrange(8)
    elif op == 1:
        b[i:i + rng.randrange(1, 4096)] = b""
    elif op == 2:
        j = rng.randrange(len(b))
        b[i:i] = b[j:j + rng.randrange(1, 4096)]
    elif op == 3:
        b[i:i] = rng.randbytes(rng.randrange(1, 64))
    elif op == 4:
        b[i:i + rng.randrange(1, 8)] = rng.choice(INTERESTING)
    elif op == 5:
        other = rng.choice(pool)
        j = rng.randrange(len(other))
        b[i:] = other[j:j + rng.randrange(1, 20000)]
    else:
        del b[rng.randrange(len(b) // 2, len(b)):]
    return bytes(b)


def mutate_text(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    if rng.random() < 0.15:
        return _byte_mutation(rng, data, pool)
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randrange(1, 4)):
        text = _text_mutation(rng, text)
    enc = rng.choice(("utf-8", "utf-8", "utf-8", "gb18030", "utf-16"))
    return text.encode(enc, "surrogatepass" if enc != "gb18030" else "replace")


_HTML_OPS = (
    lambda rng, t: t.replace("charset=", "charset=" + rng.choice(("utf-16", "utf-32", "bogus", "gbk", "utf-7")) + " x=", 1),
    lambda rng, t: t.replace("<body", "<body>" + "<div>" * rng.choice((500, 3000, 20000)) + "<p>正文</p><span", 1),
    lambda rng, t: t.replace("<td", f'<td colspan="{rng.choice(("999999999", "-5", "①", "49"))}"', 3),
    lambda rng, t: t.replace("</body>", "<table>" + "<tr><td>格</td><td>1</td></tr>" * rng.choice((100, 3000)) + "</table></body>"),
    lambda rng, t: re.sub(r"</?(p|div|table|tr|td)[^>]*>", "", t, count=rng.randrange(1, 200)),
    lambda rng, t: t.replace("<p", "<p style='text-indent:" + rng.choice(("1e308", "99999999999", "-3", "nan")) + "em'", 5),
    lambda rng, t: "<html><head><title>" + "标题_" * 2000 + "</title></head>" + t,
    lambda rng, t: t.replace("<body", "<body><table>" + "索引号：1 发布机构：某 " * rng.choice((5, 200)) + "</table", 1),
    lambda rng, t: t + "&#xD800;&#0;&#x110000;&#99999999999;" * 10,
)


def mutate_html(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    if rng.random() < 0.3:
        return mutate_text(rng, data, pool)
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randrange(1, 3)):
        text = rng.choice(_HTML_OPS)(rng, text)
    return text.encode(rng.choice(("utf-8", "utf-8", "gb18030")), "replace")


_DOCX_NUMBERS = re.compile(rb'(w:(?:val|gridSpan|start|ilvl|numId|firstLine|firstLineChars|left|hanging|sz|w|outlineLvl|abstractNumId)=")([^"]*)(")')


def _xml_mutation(rng: random.Random, xml: bytes) -> bytes:
    op = rng.randrange(8)
    if op <= 2:  # attribute values: huge, negative, non-ASCII digits
        found = list(_DOCX_NUMBERS.finditer(xml))
        for _ in range(rng.randrange(1, 6)):
            if not found:
                break
            m = found[rng.randrange(len(found))]
            value = rng.choice(INTERESTING + [b"9999999999", b"200000000", b"\xe2\x91\xa0\xe2\x91\xa1", b"1" * 5000])
            xml = xml[:m.start(2)] + value + xml[m.end(2):]
            found = list(_DOCX_NUMBERS.finditer(xml))
    elif op == 3:  # an element repeated
        tags = list(re.finditer(rb"<(w:(?:tbl|p|tr|tc|lvl|num|style))\b.*?</\1>", xml, re.S))
        if tags:
            m = tags[rng.randrange(len(tags))]
            xml = xml[:m.end()] + m.group() * rng.choice((10, 200, 2000)) + xml[m.end():]
    elif op == 4:  # deep nesting
        depth = rng.choice((100, 1000, 10000))
        xml = xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth
                          + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b"</w:sdtContent></w:sdt>" * depth, 1)
    elif op == 5:  # an element or attribute dropped
        m = list(re.finditer(rb"<w:(?:body|rPr|pPr|numPr|tblGrid|abstractNum|numbering|styles|lvl)\b", xml))
        if m:
            x = m[rng.randrange(len(m))]
            xml = xml[:x.start() + 1] + b"x" + xml[x.start() + 1:]
    elif op == 6:  # a DOCTYPE with entities (must never be expanded)
        decl = (b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>')
        xml = re.sub(rb"(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + decl, xml, count=1)
        xml = xml.replace(b"<w:t>", b"<w:t>&c;&x;", 1)
    else:  # bytes of the XML
        b = bytearray(xml)
        for _ in range(rng.randrange(1, 10)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        xml = bytes(b)
    return xml


def mutate_docx(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    if rng.random() < 0.15:
        return _byte_mutation(rng, data, pool)
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, src.read(i)) for i in src.infolist()]
    except Exception:  # noqa: BLE001
        return _byte_mutation(rng, data, pool)
    xml_parts = [k for k, (i, _) in enumerate(members) if i.filename.endswith((".xml", ".rels"))]
    weights = {"word/document.xml": 6, "word/numbering.xml": 3, "word/styles.xml": 2}
    op = rng.randrange(10)
    drop = set()
    stored = None
    if op == 0 and members:  # a member dropped
        drop.add(rng.randrange(len(members)))
    elif op == 1 and members:  # a member stored with an unknown compression method
        stored = rng.randrange(len(members))
    else:
        for _ in range(rng.randrange(1, 4)):
            k = rng.choices(xml_parts, [weights.get(members[j][0].filename, 1) for j in xml_parts])[0]
            info, body = members[k]
            members[k] = (info, _xml_mutation(rng, body))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, (info, body) in enumerate(members):
            if k not in drop:
                z.writestr(info.filename, body)
    out = buf.getvalue()
    if stored is not None:  # patch the method field of that member's local header
        name = members[stored][0].filename.encode()
        at = out.find(b"PK\x03\x04")
        while at >= 0:
            if out[at + 30:at + 30 + len(name)] == name:
                out = out[:at + 8] + rng.choice((b"\x63\x00", b"\x0e\x00", b"\x01\x00")) + out[at + 10:]
                break
            at = out.find(b"PK\x03\x04", at + 4)
    return out


_PDF_NUM = re.compile(rb"(?<![\w/.])-?\d+(?:\.\d+)?(?=\s+(?:-?\d|Tf|Td|TD|Tm|cm|re|TL|Tc|Tw|Tz|l|m)\b)")


def mutate_pdf(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    op = rng.randrange(6)
    if op <= 1:  # content-stream numbers (positions, sizes) scaled or replaced
        found = list(_PDF_NUM.finditer(data))
        out = bytearray()
        last = 0
        picks = sorted(rng.sample(range(len(found)), min(len(found), rng.randrange(1, 40)))) if found else []
        for k in picks:
            m = found[k]
            value = rng.choice((b"0", b"-1", b"100000", b"1e9", b"0.01", b"3", b"99999", b"-50000", b"2"))
            out += data[last:m.start()] + value
            last = m.end()
        return bytes(out + data[last:])
    if op == 2:  # text objects repeated (many rows, far off the page)
        blocks = list(re.finditer(rb"BT\b.*?\bET\b", data, re.S))
        if blocks:
            m = blocks[rng.randrange(len(blocks))]
            moved = re.sub(rb"\b1 0 0 1 [-\d.]+ [-\d.]+ Tm", rng.choice((b"1 0 0 1 0 -90000 Tm", b"1 0 0 1 50000 20 Tm",
                                                                       b"1 0 0 1 0 700 Tm")), m.group())
            reps = rng.choice((20, 300, 3000))
            return data[:m.end()] + b"\n" + moved * reps + data[m.end():]
    if op == 3:  # font sizes tiny or huge
        return re.sub(rb"(/F[\w+]+ )([\d.]+)( Tf)", lambda m: m.group(1) + rng.choice((b"0.3", b"3", b"0", b"5000")) + m.group(3),
                      data, count=rng.randrange(1, 50))
    if op == 4:  # page count, MediaBox, Rotate
        return re.sub(rb"/MediaBox\s*\[[^\]]*\]", rng.choice((b"/MediaBox [0 0 1e9 1e9]", b"/MediaBox [0 0 0 0]",
                                                             b"/MediaBox [0 0 595 842] /Rotate 90",
                                                             b"/MediaBox [-99999 -99999 99999 99999]")), data, count=1)
    return _byte_mutation(rng, data, pool)


MUTATORS = {"txt": mutate_text, "html": mutate_html, "docx": mutate_docx, "pdf": mutate_pdf}


def generate(seed: int, n: int, formats=FORMATS):
    """(number, format, bytes) of `n` inputs, formats in turn; the same for the same seed."""
    pools = seeds()
    for k in range(n):
        fmt = formats[k % len(formats)]
        rng = random.Random(f"{seed}:{k}")
        data = rng.choice(pools[fmt])
        for _ in range(rng.choice((1, 1, 2, 3))):
            data = MUTATORS[fmt](rng, data, pools[fmt])
        yield k, fmt, data


# ----------------------------------------------------------------------------- minimising

def minimise(data: bytes, fmt: str, still_fails, budget: int = 60) -> bytes:
    """A smaller input with the same failure (delta debugging on lines, then on bytes;
    for a DOCX, on the lines of each XML member)."""
    if fmt == "docx":
        return _minimise_docx(data, still_fails, budget)
    runs = [0]

    def test(candidate: bytes) -> bool:
        if runs[0] >= budget:
            return False
        runs[0] += 1
        return still_fails(candidate)

    sep = b"\n" if fmt in ("txt", "html") else None
    units = data.split(sep) if sep is not None else [data[i:i + 256] for i in range(0, len(data), 256)]
    units = _ddmin(units, lambda us: test((sep or b"").join(us)))
    return (sep or b"").join(units)


def _ddmin(units: list, fails) -> list:
    n = 2
    while len(units) >= 2:
        chunk = max(1, len(units) // n)
        reduced = False
        for start in range(0, len(units), chunk):
            rest = units[:start] + units[start + chunk:]
            if rest and fails(rest):
                units, n, reduced = rest, max(n - 1, 2), True
                break
        if not reduced:
            if n >= len(units):
                break
            n = min(len(units), n * 2)
    return units


def _minimise_docx(data: bytes, still_fails, budget: int) -> bytes:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = {i.filename: z.read(i) for i in z.infolist()}
    except Exception:  # noqa: BLE001
        return data
    runs = [0]

    def pack(ms: dict) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for name, body in ms.items():
                out.writestr(name, body)
        return buf.getvalue()

    def test(ms: dict) -> bool:
        if runs[0] >= budget:
            return False
        runs[0] += 1
        return still_fails(pack(ms))

    if not test(members):  # repacking changed the failure (a damaged container): keep it as is
        return data
    for name in sorted(members, key=lambda n: -len(members[n])):
        if name == "word/document.xml" or runs[0] >= budget:
            continue
        trial = {k: v for k, v in members.items() if k != name}
        if test(trial):
            members = trial
    return pack(members)


# ----------------------------------------------------------------------------- the run

def run(seed: int, inputs: int, jobs: int, timeout: float, memory_mb: int, save: Path | None,
        formats=FORMATS, quiet: bool = False) -> dict:
    """Fuzz `inputs` inputs; returns the tallies (per format and outcome) and the failures."""
    from concurrent.futures import ThreadPoolExecutor

    tmp = Path(tempfile.mkdtemp(prefix="gazette-fuzz-"))
    tally = {f: {o: 0 for o in ("ok", "load-error", *FAILURES)} for f in formats}
    failures: dict[str, dict] = {}
    slowest: list = []
    runners = [Runner(timeout, memory_mb) for _ in range(jobs)]
    started = time.perf_counter()

    def one(item):
        k, fmt, data = item
        runner = runners[k % jobs]
        path = tmp / f"in{k % jobs}.{fmt}"
        path.write_bytes(data)
        return k, fmt, data, runner.check(path)

    try:
        items = generate(seed, inputs, formats)
        with ThreadPoolExecutor(jobs) as pool:
            batch = []
            for item in items:
                batch.append(item)
                if len(batch) < jobs:
                    continue
                for k, fmt, data, res in pool.map(one, batch):
                    _record(k, fmt, data, res, tally, failures, slowest)
                batch = []
                if not quiet and (k + 1) % 200 < jobs:
                    print(f"{k + 1} inputs, {time.perf_counter() - started:.0f} s, "
                          f"{sum(len(v['inputs']) for v in failures.values())} failures", file=sys.stderr)
            for k, fmt, data, res in pool.map(one, batch):
                _record(k, fmt, data, res, tally, failures, slowest)
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            for sig, info in failures.items():
                k, fmt, data = info["smallest"]
                runner = runners[0]

                def still_fails(candidate: bytes, fmt=fmt, sig=sig) -> bool:
                    p = tmp / f"min.{fmt}"
                    p.write_bytes(candidate)
                    res = runner.check(p)
                    return res["outcome"] in FAILURES and res.get("signature") == sig

                small = minimise(data, fmt, still_fails)
                name = f"{re.sub(r'[^a-z0-9]+', '-', sig.lower()).strip('-')[:60]}-{hashlib.sha256(small).hexdigest()[:8]}.{fmt}"
                (save / name).write_bytes(small)
                info["saved"] = name
    finally:
        for r in runners:
            r.close()
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    return {"seed": seed, "inputs": inputs, "seconds": round(time.perf_counter() - started, 1),
            "tally": tally, "failures": {s: {k: v for k, v in i.items() if k != "smallest"} for s, i in failures.items()},
            "slowest": sorted(slowest, key=lambda s: -s[0])[:10]}


def _record(k, fmt, data, res, tally, failures, slowest) -> None:
    tally[fmt][res["outcome"]] += 1
    slowest.append((res.get("seconds", 0), res.get("maxrss_mb"), k, fmt, res["outcome"]))
    slowest.sort(key=lambda s: -s[0])
    del slowest[10:]
    if res["outcome"] in FAILURES:
        sig = f"{fmt}: {res.get('signature')}"
        info = failures.setdefault(sig, {"outcome": res["outcome"], "inputs": [], "message": res.get("message"),
                                         "smallest": (k, fmt, data)})
        info["inputs"].append(k)
        if len(data) < len(info["smallest"][2]):
            info["smallest"] = (k, fmt, data)
        if info["outcome"] != res["outcome"]:
            info["outcome"] = res["outcome"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("worker")
    w.add_argument("--memory", type=int, default=1024)
    r = sub.add_parser("run")
    r.add_argument("--seed", type=int, default=12)
    r.add_argument("--inputs", type=int, default=400)
    r.add_argument("--jobs", type=int, default=1)
    r.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    r.add_argument("--memory", type=int, default=1024, help="address-space limit per worker, MB")
    r.add_argument("--formats", default=",".join(FORMATS))
    r.add_argument("--save", type=Path, help="write a minimised reproducer per failure here")
    r.add_argument("--json", type=Path, help="write the tallies here")
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+")
    c.add_argument("--timeout", type=float, default=10.0)
    c.add_argument("--memory", type=int, default=1024)
    args = ap.parse_args(argv)
    if args.cmd == "worker":
        worker(args.memory)
        return 0
    if args.cmd == "check":
        with Runner(args.timeout, args.memory) as runner:
            for f in args.files:
                print(f, json.dumps(runner.check(Path(f).resolve())))
        return 0
    result = run(args.seed, args.inputs, args.jobs, args.timeout, args.memory, args.save,
                 tuple(args.formats.split(",")))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items()}, ensure_ascii=False, indent=2))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
