"""Charts as inline SVG (no script, no external asset): readable offline and printable.

Each function takes rows (dicts) and the keys to plot, and returns safe markup with every
label escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

INK, ACCENT, GRID = "#1f2933", "#2f6db5", "#d9dee3"


def _label(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def bars(rows: Sequence[dict], label_key: str, value_key: str, title: str, width: int = 720, height: int = 200) -> Markup:
    """Vertical bars (articles per day): one bar per row, labels thinned to stay readable."""
    if not rows:
        return Markup("")
    top = max(max(int(r[value_key] or 0) for r in rows), 1)
    left, bottom, plot_h = 36, 28, height - 44
    step = (width - left - 8) / len(rows)
    every = max(1, len(rows) // 12)
    body = [f'<line x1="{left}" y1="{16 + plot_h}" x2="{width - 8}" y2="{16 + plot_h}" stroke="{GRID}"/>',
            f'<text x="{left - 6}" y="20" font-size="10" text-anchor="end" fill="{INK}">{top}</text>',
            f'<text x="{left - 6}" y="{16 + plot_h}" font-size="10" text-anchor="end" fill="{INK}">0</text>']
    for i, r in enumerate(rows):
        v = int(r[value_key] or 0)
        h = plot_h * v / top
        x = left + i * step
        body.append(f'<rect x="{x + step * 0.1:.1f}" y="{16 + plot_h - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
                    f'height="{h:.1f}" fill="{ACCENT}"><title>{escape(_label(r[label_key]))}: {v}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x + step / 2:.1f}" y="{height - bottom + 20}" font-size="9" text-anchor="middle" '
                        f'fill="{INK}">{escape(_label(r[label_key])[-5:])}</text>')
    return _svg(width, height, title, body)


def hbars(rows: Sequence[dict], label_key: str, value_key: str, title: str, width: int = 720) -> Markup:
    """Horizontal bars (events per category, top actors)."""
    if not rows:
        return Markup("")
    top = max(max(int(r[value_key] or 0) for r in rows), 1)
    row_h, label_w = 20, 170
    height = row_h * len(rows) + 8
    body = []
    for i, r in enumerate(rows):
        v = int(r[value_key] or 0)
        w = (width - label_w - 50) * v / top
        y = 4 + i * row_h
        body.append(f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{INK}">'
                    f'{escape(_label(r[label_key]))}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{ACCENT}"/>'
                    f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="11" fill="{INK}">{v}</text>')
    return _svg(width, height, title, body)


def line(rows: Sequence[dict], x_key: str, y_key: str, title: str, width: int = 720, height: int = 200) -> Markup:
    """A line over time (mentions per month)."""
    if not rows:
        return Markup("")
    top = max(max(int(r[y_key] or 0) for r in rows), 1)
    left, plot_h, plot_w = 36, height - 44, width - 36 - 16
    n = len(rows)
    pts = [(left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2), 16 + plot_h - plot_h * int(r[y_key] or 0) / top)
           for i, r in enumerate(rows)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    body = [f'<line x1="{left}" y1="{16 + plot_h}" x2="{width - 8}" y2="{16 + plot_h}" stroke="{GRID}"/>',
            f'<text x="{left - 6}" y="20" font-size="10" text-anchor="end" fill="{INK}">{top}</text>',
            f'<polyline points="{path}" fill="none" stroke="{ACCENT}" stroke-width="2"/>']
    every = max(1, n // 10)
    for i, ((x, y), r) in enumerate(zip(pts, rows, strict=True)):
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{ACCENT}"><title>{escape(_label(r[x_key]))}: '
                    f'{int(r[y_key] or 0)}</title></circle>')
        if i % every == 0:
            body.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="9" text-anchor="middle" fill="{INK}">'
                        f'{escape(_label(r[x_key])[:7])}</text>')
    return _svg(width, height, title, body)
