"""Numbers belong to the visible type code, not to the kind (issue 14, item 20).

Hướng dẫn 36-HD/VPTW: one issuing body never writes the same visible number twice
in a term. The sequences are keyed by ``type_code``; the old rows (per kind) are
dropped, because ``services._sequence`` rebuilds a missing one from the highest
number already in the book, under the same lock. Before the new constraint is
added, outgoing documents that already show the same number are listed and the
migration stops: an issued number is a fact of the archive, not something a
migration may renumber; the office corrects the record that is wrong and runs
``migrate`` again (docs/decisions/0011-document-numbers.md).
"""

from typing import Any

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("documents", "Document")
    clashes = (
        Document.objects.filter(direction="outgoing", number__isnull=False)
        .values("organization__name", "type_code", "issuer_code", "term_start", "number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("organization__name", "term_start", "type_code", "number")
    )
    lines = [
        f"{row['organization__name']}, nhiệm kỳ {row['term_start']}: "
        f"{row['number']:02d}-{row['type_code']}/{row['issuer_code']} ({row['n']} văn bản)"
        for row in clashes
    ]
    if lines:
        raise RuntimeError(
            "Có văn bản đi trùng số hiển thị trong cùng nhiệm kỳ; sửa số của văn bản ghi sai "
            "rồi chạy lại migrate:\n" + "\n".join(lines)
        )


def drop_sequences(apps: Any, schema_editor: Any) -> None:
    apps.get_model("documents", "NumberSequence").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_search_by_kind"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="document", name="document_unique_outgoing_number"
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                condition=models.Q(("direction", "outgoing")),
                fields=("organization", "type_code", "term_start", "number"),
                name="document_unique_visible_number",
            ),
        ),
        migrations.RunPython(drop_sequences, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="numbersequence", name="document_sequence_unique"),
        migrations.RemoveField(model_name="numbersequence", name="kind"),
        migrations.AddField(
            model_name="numbersequence",
            name="type_code",
            field=models.CharField(default="", max_length=10, verbose_name="ký hiệu loại văn bản"),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="numbersequence",
            constraint=models.UniqueConstraint(
                fields=("organization", "type_code", "term_start"),
                name="document_sequence_per_code",
            ),
        ),
    ]
