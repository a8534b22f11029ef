"""The search text of every document gains its kind ("nghi quyet"), as Document.save writes it."""

from typing import Any

from django.db import migrations

from dangvu.documents import numbering
from dangvu.documents.choices import DocumentKind


def add_kind(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("documents", "Document")
    labels = dict(DocumentKind.choices)
    changed = []
    for document in Document.objects.all().iterator():
        code = numbering.document_code(document.number, document.type_code, document.issuer_code)
        document.search_text = numbering.search_text(
            code, str(labels.get(document.kind, "")), document.summary, document.issuer_name
        )
        changed.append(document)
    Document.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_files_templates")]

    operations = [migrations.RunPython(add_kind, migrations.RunPython.noop)]
