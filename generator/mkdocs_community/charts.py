"""Charts as accessible inline SVG, drawn at build time.

No chart library and nothing fetched: each chart is a small SVG with a title and a
description for screen readers, coloured through CSS classes so that the theme's
light and dark schemes both apply. The numbers are always also given as a table
(see the insights template), which is the accessible form of record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .insights import Chart

WIDTH = 640
LABEL_WIDTH = 190
FONT = 12


def svg(chart: Chart) -> str:
    """The chart as an SVG element string (well-formed XML)."""
    if not chart.bars:
        return ""
    draw = {"bar": _bars, "columns": _columns, "line": _line}[chart.kind]
    body, height = draw(chart)
    ids = f"cm-chart-{chart.id}"
    legend = _legend(chart, height) if len(chart.series) > 1 else ""
    if legend:
        height += 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cm-chart__svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc" font-size="{FONT}">'
        f'<title id="{ids}-title">{escape(chart.title)}</title>'
        f'<desc id="{ids}-desc">{escape(chart.description)}</desc>'
        f"{body}{legend}</svg>"
    )


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="cm-chart__text"'
            f"{extra}>{escape(content)}</text>")


def _rect(x: float, y: float, w: float, h: float, series: int, tip: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
            f'class="cm-chart__s{series}"><title>{escape(tip)}</title></rect>')


def _bars(chart: Chart) -> tuple[str, int]:
    """Horizontal bars, grouped when there are several series."""
    peak = max(max(b.values) for b in chart.bars) or 1
    per_series, gap = 14, 10
    row = per_series * len(chart.series) + gap
    area = WIDTH - LABEL_WIDTH - 40
    parts = []
    for i, bar in enumerate(chart.bars):
        top = 8 + i * row
        parts.append(_text(LABEL_WIDTH - 8, top + row / 2, _clip(bar.label, 28), "end",
                           ' dominant-baseline="middle"'))
        for s, value in enumerate(bar.values):
            y = top + s * per_series
            width = area * value / peak
            tip = f"{bar.label}: {value} {chart.series[s].lower()}" if len(chart.series) > 1 \
                else f"{bar.label}: {value}"
            parts.append(_rect(LABEL_WIDTH, y, width, per_series - 2, s, tip))
            parts.append(_text(LABEL_WIDTH + width + 4, y + (per_series - 2) / 2, str(value),
                               extra=' dominant-baseline="middle"'))
    return "".join(parts), 8 + len(chart.bars) * row


def _columns(chart: Chart) -> tuple[str, int]:
    """Vertical columns, stacked by series (e.g. events per month by format)."""
    height, top, bottom, left = 240, 10, 56, 36
    plot = height - top - bottom
    totals = [sum(b.values) for b in chart.bars]
    peak = max(totals) or 1
    step = (WIDTH - left - 8) / len(chart.bars)
    width = min(step * 0.7, 40)
    parts = _y_axis(peak, left, top, plot)
    for i, bar in enumerate(chart.bars):
        x = left + i * step + (step - width) / 2
        base = top + plot
        for s, value in enumerate(bar.values):
            h = plot * value / peak
            if value:
                tip = f"{bar.label}: {value}" + (f" {chart.series[s].lower()}"
                                                 if len(chart.series) > 1 else "")
                parts.append(_rect(x, base - h, width, h, s, tip))
            base -= h
        cx, cy = x + width / 2, top + plot + 12
        parts.append(_text(cx, cy, bar.label, "end", f' transform="rotate(-45 {cx:.1f} {cy:.1f})"'))
    return "".join(parts), height


def _line(chart: Chart) -> tuple[str, int]:
    """A line with the area under it (cumulative counts)."""
    height, top, bottom, left = 220, 10, 36, 36
    plot = height - top - bottom
    values = [b.values[0] for b in chart.bars]
    peak = max(values) or 1
    count = len(values)
    step = (WIDTH - left - 12) / max(count - 1, 1)
    points = [(left + i * step, top + plot - plot * v / peak) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"{left:.1f},{top + plot:.1f} {path} {points[-1][0]:.1f},{top + plot:.1f}"
    parts = _y_axis(peak, left, top, plot)
    parts.append(f'<polygon points="{area}" class="cm-chart__area"/>')
    parts.append(f'<polyline points="{path}" class="cm-chart__line" fill="none"/>')
    every = max(1, round(count / 6))
    for i in range(0, count, every):
        parts.append(_text(points[i][0], top + plot + 16, chart.bars[i].label, "middle"))
    x, y = points[-1]
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="cm-chart__s0">'
                 f"<title>{escape(chart.bars[-1].label)}: {values[-1]}</title></circle>")
    return "".join(parts), height


def _y_axis(peak: int, left: float, top: float, plot: float) -> list[str]:
    parts = []
    for fraction in (0, 0.5, 1):
        value = round(peak * fraction)
        if fraction and value == round(peak * (fraction - 0.5)):
            continue
        y = top + plot - plot * (value / peak)
        parts.append(f'<line x1="{left:.1f}" x2="{WIDTH - 4}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="cm-chart__grid"/>')
        parts.append(_text(left - 6, y + 4, str(value), "end"))
    return parts


def _legend(chart: Chart, top: int) -> str:
    parts, x = [], LABEL_WIDTH if chart.kind == "bar" else 36
    for s, name in enumerate(chart.series):
        parts.append(f'<rect x="{x}" y="{top + 6}" width="12" height="12" '
                     f'class="cm-chart__s{s}"/>')
        parts.append(_text(x + 16, top + 16, name))
        x += 24 + len(name) * 7
    return "".join(parts)


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
