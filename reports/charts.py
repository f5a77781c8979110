"""Charts as inline SVG (no script, no external asset): readable offline and printable.

Each function takes rows (dicts) and the keys to plot, and returns safe markup with every
label escaped (the data comes from the database: titles and names are never trusted).
An empty list of rows gives empty markup, so templates can write `{{ charts.bars(rows, ...) }}`
without a guard. The output depends only on the rows: the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

INK, MUTED, ACCENT, GRID = "#1f2933", "#616e7c", "#2f6db5", "#d9dee3"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"'


def _label(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _value(row: dict, key: str) -> int:
    return int(row[key] or 0)


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="{escape(title)}" class="chart" {FONT}><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def per_month(rows: Sequence[dict], date_key: str, value_key: str) -> list[dict]:
    """Rows summed per calendar month ({'month': 'YYYY-MM', value_key: total}), every month of the
    span included, oldest first: several years of days make a comb of one-pixel bars, months can
    be read."""
    totals: dict[tuple[int, int], int] = {}
    for r in rows:
        day = r[date_key]
        if day is not None:
            totals[(day.year, day.month)] = totals.get((day.year, day.month), 0) + _value(r, value_key)
    if not totals:
        return []
    (year, month), last = min(totals), max(totals)
    out = []
    while (year, month) <= last:
        out.append({"month": f"{year:04d}-{month:02d}", value_key: totals.get((year, month), 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


_ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _ticks(labels: list[str], most: int = 12) -> list[tuple[int, str]]:
    """(row index, text) of the axis labels: the first row of each year when the rows are dates or
    months over several years, else every n-th row (MM-DD for the days of one year)."""
    n = len(labels)
    if labels and all(_ISO.match(x) for x in labels):
        if labels[0][:4] != labels[-1][:4]:
            starts = [(i, x[:4]) for i, x in enumerate(labels) if i == 0 or x[:4] != labels[i - 1][:4]]
            keep = -(-len(starts) // most)  # ceil: at most `most` labels
            return starts[::keep]
        every = max(1, -(-n // most))
        return [(i, x[5:] if len(x) == 10 else x) for i, x in enumerate(labels) if i % every == 0]
    every = max(1, -(-n // most))
    return [(i, _short(x, 12)) for i, x in enumerate(labels) if i % every == 0]


def bars(rows: Sequence[dict], label_key: str, value_key: str, title: str, width: int = 720,
         height: int = 200) -> Markup:
    """Vertical bars (articles per day): one bar per row (rows at zero draw nothing), a few axis
    labels (years across years), the full label and value in each bar's tooltip."""
    if not rows:
        return Markup("")
    top = max(max(_value(r, value_key) for r in rows), 1)
    left, bottom, plot_h = 36, 28, height - 44
    step = (width - left - 8) / len(rows)
    labels = [_label(r[label_key]) for r in rows]
    base = 16 + plot_h
    body = [f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="{GRID}"/>',
            f'<text x="{left - 6}" y="20" font-size="10" text-anchor="end" fill="{MUTED}">{top}</text>',
            f'<text x="{left - 6}" y="{base}" font-size="10" text-anchor="end" fill="{MUTED}">0</text>']
    bar_w = max(step * 0.8, 2.0)
    for i, r in enumerate(rows):
        v = _value(r, value_key)
        if v:
            h = plot_h * v / top
            x = left + i * step + (step - bar_w) / 2
            body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="{ACCENT}"><title>{escape(labels[i])}: {v}</title></rect>')
    for i, text in _ticks(labels):
        x = left + i * step
        body.append(f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" stroke="{MUTED}"/>'
                    f'<text x="{x:.1f}" y="{height - bottom + 20}" font-size="9" text-anchor="start" '
                    f'fill="{MUTED}">{escape(text)}</text>')
    return _svg(width, height, title, body)


def hbars(rows: Sequence[dict], label_key: str, value_key: str, title: str, width: int = 720) -> Markup:
    """Horizontal bars (events per category, articles per source); long labels are shortened
    with an ellipsis, the full label is in the tooltip."""
    if not rows:
        return Markup("")
    top = max(max(_value(r, value_key) for r in rows), 1)
    row_h, label_w = 20, 170
    height = row_h * len(rows) + 8
    body = []
    for i, r in enumerate(rows):
        v = _value(r, value_key)
        w = (width - label_w - 50) * v / top
        y = 4 + i * row_h
        full = _label(r[label_key])
        body.append(f'<g><title>{escape(full)}: {v}</title>'
                    f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{INK}">'
                    f'{escape(_short(full, 28))}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{ACCENT}"/>'
                    f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="11" fill="{INK}">{v}</text></g>')
    return _svg(width, height, title, body)


def line(rows: Sequence[dict], x_key: str, y_key: str, title: str, width: int = 720, height: int = 200) -> Markup:
    """A line over time (mentions per month): dates are placed on a time scale (a gap of a year
    looks like one), other x values evenly in their order."""
    if not rows:
        return Markup("")
    top = max(max(_value(r, y_key) for r in rows), 1)
    left, right, plot_h = 36, 24, height - 44
    plot_w = width - left - right
    base = 16 + plot_h
    n = len(rows)
    xs = [r[x_key] for r in rows]
    if all(isinstance(x, dt.date) for x in xs) and n > 1 and min(xs) != max(xs):
        first, span = min(xs), (max(xs) - min(xs)).days
        pos = [left + plot_w * (x - first).days / span for x in xs]
    else:
        pos = [left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2) for i in range(n)]
    pts = [(x, base - plot_h * _value(r, y_key) / top) for x, r in zip(pos, rows, strict=True)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    body = [f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="{GRID}"/>',
            f'<text x="{left - 6}" y="20" font-size="10" text-anchor="end" fill="{MUTED}">{top}</text>',
            f'<text x="{left - 6}" y="{base}" font-size="10" text-anchor="end" fill="{MUTED}">0</text>',
            f'<polyline points="{path}" fill="none" stroke="{ACCENT}" stroke-width="2"/>']
    every = max(1, -(-n // 10))
    for i, ((x, y), r) in enumerate(zip(pts, rows, strict=True)):
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{ACCENT}"><title>{escape(_label(r[x_key]))}: '
                    f'{_value(r, y_key)}</title></circle>')
        if i % every == 0 or i == n - 1:
            if i == n - 1 and i % every and x - pts[i - i % every][0] < 50:
                continue  # the last label would overlap the previous one
            anchor = "end" if x > width - 40 else ("start" if x < left + 20 and n > 1 else "middle")
            body.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="9" text-anchor="{anchor}" fill="{MUTED}">'
                        f'{escape(_label(r[x_key])[:7])}</text>')
    return _svg(width, height, title, body)
