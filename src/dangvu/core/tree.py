"""The materialised path of the party tree, with no Django import.

Each organisation's ``path`` is its ancestors' ids and its own, each written
with a fixed width and a closing slash: ``00000001/00000007/00000042/``. A
subtree is then every path in ``[path, next_sibling_path)`` where the upper
bound is the path with its last id plus one — one range scan on an ordinary
B-tree index, the same on SQLite and PostgreSQL (a LIKE prefix would not use
the index on SQLite). The bound holds in any collation: segments are digits
of one width, so even a locale that ignores the slash compares them rightly.
"""

from __future__ import annotations

SEGMENT_WIDTH = 8
SEPARATOR = "/"


def segment(pk: int) -> str:
    if pk < 0 or pk >= 10**SEGMENT_WIDTH:
        raise ValueError(f"id {pk} does not fit a path segment")
    return f"{pk:0{SEGMENT_WIDTH}d}{SEPARATOR}"


def child_path(parent_path: str, pk: int) -> str:
    return parent_path + segment(pk)


def subtree_bounds(path: str) -> tuple[str, str]:
    """The half-open range [low, high) of the paths in the subtree rooted at ``path``."""
    ids = ancestor_ids(path)
    if not ids:
        raise ValueError("empty path")
    upper = "".join(segment(pk) for pk in ids[:-1]) + segment(ids[-1] + 1)
    return path, upper


def ancestor_ids(path: str) -> list[int]:
    """Ids from the root down to the node itself."""
    return [int(part) for part in path.split(SEPARATOR) if part]


def ancestor_paths(path: str) -> list[str]:
    """The paths of the organisations above ``path``, from the root (not ``path`` itself)."""
    ids = ancestor_ids(path)[:-1]
    return ["".join(segment(pk) for pk in ids[: n + 1]) for n in range(len(ids))]


def depth(path: str) -> int:
    return path.count(SEPARATOR)


def is_within(path: str, root_path: str) -> bool:
    return path.startswith(root_path)
