"""Bad input costs nothing else: a clear one-line reason, raw bytes kept, the rest of the batch imported."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from support import SEEDS, import_into, migrated, pipeline_import, query

GOOD_PAGE = ("Kiev et Varsovie signent un accord de défense\n\n"
             "Par Jean Durand\nLe 3 mars 2024 à 10h00\n\n"
             "Les deux pays ont signé lundi un accord sur la production commune de munitions.\n")


@pytest.fixture
def db(make_database) -> str:
    return migrated(make_database())


def statuses(url: str) -> dict[str, tuple[str, str | None]]:
    rows = query(url, "SELECT regexp_replace(path, '^.*/', ''), status, error FROM documents")
    return {name: (status, error) for name, status, error in rows}


def test_a_bad_batch_imports_the_good_files_and_keeps_the_bad_bytes(db, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    (tmp_path / "image.txt").write_bytes(png)
    with zipfile.ZipFile(tmp_path / "archive.html", "w") as z:
        z.writestr("a.txt", "hello")
    (tmp_path / "nul.txt").write_bytes(GOOD_PAGE.replace("lundi", "lun\x00di").encode())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    result = import_into(db, tmp_path, tmp_path / "missing.txt")
    assert result.exit_code == 1
    st = statuses(db)
    assert st["good.txt"][0] == "imported" and st["nul.txt"][0] == "imported"
    assert st["empty.txt"] == ("rejected", "empty file: nothing to import")
    assert st["image.txt"][0] == "rejected" and "PNG" in st["image.txt"][1]
    assert st["archive.html"][0] == "rejected" and "ZIP" in st["archive.html"][1]
    [(kept,)] = query(db, "SELECT raw_bytes FROM documents WHERE path LIKE '%image.txt'")
    assert bytes(kept) == png
    lines = result.stderr.strip().splitlines()
    assert any("missing.txt: no such file or folder" in ln for ln in lines)
    assert any("notes.docx: unsupported file type '.docx'" in ln for ln in lines)
    assert len(lines) == 5  # one line per rejected input, no traceback
    # The NUL byte is kept in raw_bytes; the text keeps its length so spans still map.
    [(text, raw, encoding)] = query(db, "SELECT raw_text, raw_bytes, encoding FROM documents WHERE path LIKE '%nul.txt'")
    assert "\x00" not in text and bytes(raw).count(b"\x00") == 1 and len(text) == len(bytes(raw).decode())


def test_invalid_utf8_bytes_are_decoded_around_and_kept(db, tmp_path):
    data = GOOD_PAGE.encode("utf-8").replace(b"lundi", b"lun\xff\xfedi")
    (tmp_path / "broken.txt").write_bytes(data)
    assert import_into(db, tmp_path).exit_code == 0
    [(text, raw, encoding)] = query(db, "SELECT raw_text, raw_bytes, encoding FROM documents")
    assert encoding == "utf-8" and bytes(raw) == data
    assert "signé lun\ufffd\ufffddi" in text  # the accents around the bad bytes survived
    [(title,)] = query(db, "SELECT title FROM articles")
    assert title == "Kiev et Varsovie signent un accord de défense"


def test_a_file_over_the_size_limit_is_rejected_without_reading_it(db, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(101 * 1024 * 1024)  # sparse: 101 MB on paper
    (tmp_path / "good.txt").write_text(GOOD_PAGE, encoding="utf-8")
    started = time.perf_counter()
    result = import_into(db, tmp_path)
    assert time.perf_counter() - started < 60
    assert result.exit_code == 1
    assert "huge.txt: file is 105.9 MB, over the 20 MB limit (raise it with --max-file-size)" in result.stderr
    assert statuses(db)["good.txt"][0] == "imported"


def test_a_two_megabyte_single_line_imports_or_is_rejected_cleanly(db, tmp_path):
    words = ("Otan Bruxelles ministres sanctions Russie Ukraine " * 45_000)[: 2 * 1024 * 1024]
    (tmp_path / "oneline.txt").write_text(words, encoding="utf-8")
    started = time.perf_counter()
    result = import_into(db, tmp_path)
    assert time.perf_counter() - started < 120
    [(status, text_len)] = query(db, "SELECT status, length(raw_text) FROM documents")
    assert result.exit_code == (0 if status == "imported" else 1)
    assert status == "imported" and text_len == len(words)


def test_a_file_deleted_or_unreadable_mid_batch(db, tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD_PAGE.replace("lundi", name), encoding="utf-8")
    real_read = Path.read_bytes

    def flaky(self: Path) -> bytes:
        if self.name == "c.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", flaky)
    result = pipeline_import(db, [tmp_path], on_total=lambda n: (tmp_path / "b.txt").unlink())
    outcome = {Path(o.path).name: (o.status, o.reason) for o in result.outcomes}
    assert outcome["a.txt"][0] == "imported"
    assert outcome["b.txt"] == ("rejected", "the file disappeared before it could be read: check the folder and re-run")
    assert outcome["c.txt"] == ("rejected", "permission denied: make the file readable and re-run")


def test_ten_thousand_small_files(db, tmp_path):
    folder = tmp_path / "many"
    for i in range(10_000):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(f"Dépêche numéro {i} sur l'Otan\n\nLe texte de la dépêche {i}.\n",
                                          encoding="utf-8")
    started = time.perf_counter()
    result = import_into(db, folder, batch="many")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.stderr
    assert query(db, "SELECT files_seen, files_imported, articles_added FROM import_batches") == [(10_000, 10_000, 10_000)]
    assert query(db, "SELECT count(*) FROM articles WHERE title = 'Dépêche numéro 9999 sur l''Otan'") == [(1,)]
    assert elapsed < 600


def test_same_article_in_two_documents_is_linked_not_duplicated(db, tmp_path):
    article = "Le Kremlin salue une ouverture européenne\n\nMoscou voit un signal positif venu d'Europe, a dit Dmitri Peskov.\n"
    (tmp_path / "site_a.txt").write_text("Accueil\nMonde\n\n" + article, encoding="utf-8")
    (tmp_path / "site_b.txt").write_text(article + "\nTous droits réservés\n", encoding="utf-8")
    assert import_into(db, tmp_path).exit_code == 0
    rows = query(db, "SELECT id, duplicate_of_id FROM articles ORDER BY id")
    assert len(rows) == 2 and rows[0][1] is None and rows[1][1] == rows[0][0]


def test_a_rejected_document_is_retried_by_a_later_import(db, tmp_path, monkeypatch):
    from veille.importer import extract

    page = tmp_path / "page.txt"
    page.write_text(GOOD_PAGE, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("simulated extractor bug")

    monkeypatch.setattr("veille.importer.pipeline.extract_articles", broken)
    first = import_into(db, page)
    assert first.exit_code == 1 and "simulated extractor bug" in first.stderr
    assert statuses(db)["page.txt"][0] == "rejected"
    monkeypatch.setattr("veille.importer.pipeline.extract_articles", extract.extract_articles)
    assert import_into(db, page).exit_code == 0
    assert statuses(db)["page.txt"] == ("imported", None)
    assert query(db, "SELECT count(*) FROM articles") == [(1,)]


def test_seeds_with_a_bad_file_still_import_all_28(db, tmp_path):
    for seed in SEEDS.iterdir():
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "zz_binary.txt").write_bytes(bytes(range(256)) * 64)
    result = import_into(db, tmp_path)
    assert result.exit_code == 1
    assert query(db, "SELECT count(*) FROM articles") == [(28,)]
    assert "zz_binary.txt: binary file" in result.stderr


def test_array_literals_carry_any_name_to_postgres_unchanged(empty_db):
    """The loader sends names, keys and band keys as array literals: quotes, backslashes, commas,
    braces, spaces, NULL-like words and accents come back as they were sent."""
    from veille.schema.store.bulk import array_literal, int_array

    names = ['Conseil "de sécurité"', "C:\\dossiers\\otan", "a,b", "{x}", " espace ", "NULL", "null", "", None,
             "l’OTAN", "Ще не вмерла"]
    assert query(empty_db, "SELECT %s::text[]", (array_literal(names),))[0][0] == names
    keys = [0, -9223372036854775808, 9223372036854775807, 42]
    assert query(empty_db, "SELECT %s::bigint[]", (array_literal(keys),))[0][0] == keys
    assert query(empty_db, "SELECT %s::bigint[]", (int_array(keys),))[0][0] == keys
    assert query(empty_db, "SELECT %s::text[]", (array_literal([]),))[0][0] == []
