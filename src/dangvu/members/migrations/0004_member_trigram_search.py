"""Member search through a trigram index (decision 0005).

PostgreSQL: ``pg_trgm`` and a GIN index on ``search_text``; SQLite: an FTS5
trigram table kept in step by triggers and filled from the existing rows. The
plain B-tree on ``search_text`` never served a ``LIKE '%word%'``: it goes.
"""

from django.db import migrations

from dangvu.core.search import TrigramSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_duesreduction_historicalbadgeaward_and_more"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="member", name="member_search"),
        TrigramSearchIndex("members_member"),
    ]
