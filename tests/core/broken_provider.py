"""A provider module whose own import fails: the inbox must not hide that error."""

from dangvu.no_such_app import items  # noqa: F401
