"""Words the simulator page shows in a registry row, made once here so that the build-time table and
the page's own rows (docs/assets/javascripts/simulator/registry.js) lay out the same strings.

Nothing here decides anything clinical: it writes out numbers the registry has already computed.
"""

from __future__ import annotations

import math


def whole_percent(share: float) -> int:
    """A share (0-1) rounded half up to a whole percentage."""
    return math.floor(share * 100 + 0.5)


def score_text(first: int | None, latest: int | None, change: float | None) -> str:
    """'14 → 7 (50% lower)': first and latest questionnaire totals and the change between them."""
    if first is None:
        return "—"
    if change is None:
        return f"{first} → {latest}"
    percent = whole_percent(change)
    if percent > 0:
        return f"{first} → {latest} ({percent}% lower)"
    if percent < 0:
        return f"{first} → {latest} ({-percent}% higher)"
    return f"{first} → {latest} (no change)"


def with_text(row: dict) -> dict:
    """The registry row with the display strings its cells show added (keys ending in ``_text``)."""
    last_contact = row["last_contact_week"]
    return {
        **row,
        "phq9_text": score_text(row["phq9_initial"], row["phq9_latest"], row["phq9_change"]),
        "gad7_text": score_text(row["gad7_initial"], row["gad7_latest"], row["gad7_change"]),
        "contacts_text": f"{row['contacts']}" + ("" if last_contact is None else f" (last: week {last_contact})"),
        "review_text": "—" if row["last_review_week"] is None else f"week {row['last_review_week']}",
    }
