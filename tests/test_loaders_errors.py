"""Bad input: every broken, mislabelled or unreadable file gets a LoadError that says what is
wrong and what to do, and the CLI turns it into one line on stderr (exit 2), never a traceback.
Fixtures are built from the real samples in each test's tmp_path."""
from __future__ import annotations

import io
import random
import zipfile

import pytest

from gazette.cli import run
from gazette.errors import EncryptedError, LoadError, NoTextError
from gazette.loaders import load

from conftest import SAMPLES

PDF = SAMPLES / "yanzhou-2021-03-04.pdf"


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _small_pdf(pages: int = 3) -> bytes:
    """The first pages of the yanzhou PDF, written by pypdf."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(PDF)
    writer = pypdf.PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf(password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_small_pdf())))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_empty_file(tmp_path):
    with pytest.raises(LoadError, match="is empty"):
        load(_write(tmp_path, "empty.txt", b""))


def test_random_bytes(tmp_path):
    data = random.Random(4).randbytes(8192)
    with pytest.raises(LoadError, match="binary"):
        load(_write(tmp_path, "noise.txt", data))


def test_truncated_pdf(tmp_path):
    data = PDF.read_bytes()
    with pytest.raises(LoadError, match="truncated or damaged PDF") as err:
        load(_write(tmp_path, "cut.pdf", data[: len(data) // 2]))
    assert "again" in err.value.hint


def test_corrupt_pdf_with_an_end_marker(tmp_path):
    data = b"%PDF-1.7\n" + random.Random(1).randbytes(4000) + b"\n%%EOF\n"
    with pytest.raises(LoadError, match="damaged PDF"):
        load(_write(tmp_path, "garbage.pdf", data))


def test_encrypted_pdf_without_password(tmp_path):
    path = _write(tmp_path, "locked.pdf", _encrypted_pdf("s3cret"))
    with pytest.raises(EncryptedError, match="needs a password") as err:
        load(path)
    assert "--password" in err.value.hint


def test_encrypted_pdf_with_wrong_password(tmp_path):
    path = _write(tmp_path, "locked.pdf", _encrypted_pdf("s3cret"))
    with pytest.raises(EncryptedError, match="password given is wrong"):
        load(path, password="nope")


def test_encrypted_pdf_with_password(tmp_path):
    loaded = load(_write(tmp_path, "locked.pdf", _encrypted_pdf("s3cret")), password="s3cret")
    assert loaded.format == "pdf" and loaded.pages == 3
    assert any("废止和宣布失效" in line.text for line in loaded.lines)


def test_scanned_pdf_without_text(tmp_path):
    image = pytest.importorskip("PIL.Image")
    picture = image.new("L", (600, 840), 255)
    path = tmp_path / "scan.pdf"
    picture.save(path, "PDF", resolution=72)
    with pytest.raises(NoTextError, match="without a text layer") as err:
        load(path)
    assert "--ocr" in err.value.hint
    from gazette.loaders import ocr
    assert ("gazette[ocr]" in err.value.hint) != ocr.available()  # what to install, when it is missing


def test_text_file_named_docx(tmp_path):
    path = _write(tmp_path, "notice.docx", "关于印发实施方案的通知\n".encode("utf-8"))
    with pytest.raises(LoadError, match="named .docx but is plain text"):
        load(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not a document")
    with pytest.raises(LoadError, match="not a Word document"):
        load(_write(tmp_path, "notes.docx", buf.getvalue()))


def test_old_binary_doc(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    with pytest.raises(LoadError, match="old binary Office file") as err:
        load(_write(tmp_path, "old.doc", data))
    assert ".docx" in err.value.hint


def test_text_named_pdf(tmp_path):
    with pytest.raises(LoadError, match="named .pdf but is plain text"):
        load(_write(tmp_path, "fake.pdf", "正文".encode("utf-8")))


def test_gb18030_text_file(tmp_path):
    text = (SAMPLES / "yanzhou-2021-03-04.txt").read_text(encoding="utf-8")[:3000]
    loaded = load(_write(tmp_path, "gbk.txt", text.encode("gb18030")))
    assert loaded.format == "txt" and loaded.encoding == "gb18030"
    assert "目 录" in [line.text for line in loaded.lines]


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    loaded = load(_write(tmp_path, "issue.txt", _small_pdf(2)))
    assert loaded.format == "pdf" and loaded.pages == 2


def test_web_page_named_txt_is_read_as_html(tmp_path):
    data = (SAMPLES / "jining-gaoxin-2023-2-web.html").read_bytes()
    assert load(_write(tmp_path, "page.txt", data)).format == "html"


def test_image_gets_an_ocr_hint(tmp_path):
    image = pytest.importorskip("PIL.Image")
    path = tmp_path / "scan.png"
    image.new("L", (20, 20), 255).save(path)
    with pytest.raises(LoadError, match="PNG image") as err:
        load(path)
    assert "--ocr" in err.value.hint


@pytest.mark.parametrize("name,data", [
    ("empty.pdf", b""),
    ("noise.docx", bytes(range(256)) * 8),
    ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<<"),
])
def test_cli_reports_one_line_and_exit_2(tmp_path, capsys, name, data):
    code = run(["parse", str(_write(tmp_path, name, data))])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    assert name in captured.err and "error" in captured.err


@pytest.mark.parametrize("command", ["parse", "validate", "ingest", "export"])
def test_every_loading_command_takes_the_password(tmp_path, capsys, command):
    path = _write(tmp_path, "locked.pdf", _encrypted_pdf("s3cret"))
    extra = {"ingest": ["--index", str(tmp_path / "idx"), "--json"], "parse": ["--json"],
             "validate": ["--json"], "export": ["-o", str(tmp_path / "out.json")]}[command]
    assert run([command, str(path), *extra]) == 2
    assert "password" in capsys.readouterr().err
    assert run([command, str(path), "--password", "s3cret", *extra]) in (0, 1)
