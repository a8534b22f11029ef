"""Percentiles and timing helpers (no Django)."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values), rounded to the microsecond."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return round(ordered[rank - 1], 3)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds taken by one call, and its result."""
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def summary(samples_ms: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples_ms), 3) if samples_ms else 0.0,
        "p95_ms": percentile(samples_ms, 95),
        "repeats": len(samples_ms),
    }


# A measure stops repeating once its timed runs took this long (at least one run is kept);
# ``repeats`` in the JSON says how many were made.
BUDGET_MS = 120_000.0


def repeat(function: Callable[[], Any], times: int) -> tuple[dict[str, Any], Any]:
    """Run ``function`` once to warm up, then up to ``times`` times within ``BUDGET_MS``."""
    warm_up, result = timed(function)
    samples: list[float] = []
    if warm_up * times > BUDGET_MS:
        samples.append(warm_up)  # too slow to repeat: the first run is the only sample
        times = 0
    for _ in range(times):
        elapsed, result = timed(function)
        samples.append(elapsed)
        if sum(samples) > BUDGET_MS:
            break
    return summary(samples), result


def target(value: float, limit: float, *, at_most: bool = True, unit: str = "ms") -> dict[str, Any]:
    """``met`` and, when missed, by how much (the factor over or under the limit)."""
    met = value <= limit if at_most else value >= limit
    out: dict[str, Any] = {"limit": limit, "unit": unit, "at_most": at_most, "met": met}
    if not met and limit:
        factor = value / limit if at_most else limit / value if value else math.inf
        out["missed_by"] = f"{factor:.2f}x"
    return out
