"""Member search through the trigram index (core/search.py, decision 0005)."""

from __future__ import annotations

from typing import Any

from django.db import connection

from dangvu.core.search import fts_phrase, trigram_index_sql
from dangvu.members.models import Member
from dangvu.members.services import update_member

TABLE = "members_member"


def names(query: Any) -> list[str]:
    return list(query.order_by("sort_key").values_list("full_name", flat=True))


def test_it_finds_every_word_as_an_accentless_substring(cast: Any) -> None:
    assert names(Member.objects.search("uong van")) == ["Lê Văn Cường"]
    assert names(Member.objects.search("ĐỖ")) == ["Đỗ Thị Giang", "Đỗ Văn Hùng"]
    assert names(Member.objects.search("hung van")) == ["Đỗ Văn Hùng"]


def test_it_combines_short_words_with_long_ones(cast: Any) -> None:
    assert names(Member.objects.search("do hung")) == ["Đỗ Văn Hùng"]
    assert names(Member.objects.search("le thi")) == []
    assert names(Member.objects.search("uyen an")) == ["Nguyễn Văn An"]


def test_it_keeps_the_scope(cast: Any) -> None:
    alice = cast.user("alice")
    assert names(Member.objects.visible_to(alice).search("do")) == ["Đỗ Văn Hùng"]


def test_it_follows_a_renamed_member(cast: Any) -> None:
    member = cast.member("Phạm Thị Dung")
    update_member(member, actor=None, changes={"full_name": "Phạm Thị Diệu Linh"})
    assert names(Member.objects.search("dieu linh")) == ["Phạm Thị Diệu Linh"]
    assert names(Member.objects.search("dung")) == []


def test_it_reads_quotes_and_operators_as_text(cast: Any) -> None:
    assert fts_phrase(['a"b', "or"]) == '"a""b" AND "or"'
    assert names(Member.objects.search('"an" OR NEAR(')) == []
    assert names(Member.objects.search("*")) == []


def test_it_fills_the_index_from_the_rows_already_there(cast: Any) -> None:
    with connection.cursor() as cursor:
        for statement in trigram_index_sql(connection.vendor, TABLE, forwards=False):
            cursor.execute(statement)
        Member.objects.filter(full_name="Hoàng Văn Em").update(search_text="hoang van em tan")
        for statement in trigram_index_sql(connection.vendor, TABLE):
            cursor.execute(statement)
    assert names(Member.objects.search("em tan")) == ["Hoàng Văn Em"]


def test_it_has_the_trigram_index_after_every_migration(db: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
            expected = {f"{TABLE}_fts_insert", f"{TABLE}_fts_delete", f"{TABLE}_fts_update"}
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [TABLE])
            expected = {f"{TABLE}_search_text_trgm"}
        assert expected <= {row[0] for row in cursor.fetchall()}


def test_it_searches_a_frequent_fragment_by_like_with_the_same_answer(
    cast: Any, monkeypatch: Any
) -> None:
    from django.test.utils import CaptureQueriesContext

    from dangvu.core import search

    expected = names(Member.objects.search("van"))
    monkeypatch.setattr(search, "FREQUENT", 1)  # every fragment counts as frequent
    with CaptureQueriesContext(connection) as queries:
        assert names(Member.objects.search("van")) == expected
    if connection.vendor == "sqlite":  # the probe, then the rows without the index's ids
        assert "LIMIT" in queries.captured_queries[0]["sql"]
        assert "MATCH" not in queries.captured_queries[-1]["sql"]
