"""Members by name alone (decision 0005).

A search word found in a third of a province ("nguy") gives too many rows to
sort for the first page; walking this index in name order stops at the page.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_member_trigram_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["sort_key"], name="member_sort"),
        ),
    ]
