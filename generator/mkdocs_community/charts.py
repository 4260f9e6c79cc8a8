"""Charts as accessible inline SVG, drawn at build time.

No chart library and nothing fetched: each chart is a small SVG with a title and a
description for screen readers, coloured through CSS classes so that the theme's
light and dark schemes both apply. The numbers are always also given as a table
(see the insights template), which is the accessible form of record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .insights import Chart

WIDTH = 640
LABEL_WIDTH = 190
FONT = 12


@dataclass(frozen=True)
class _Frame:
    """Where things go across the chart. Right-to-left pages get the mirror image: labels
    on the right, bars growing leftwards, time running from right to left, as their
    readers read. Coordinates are written left-to-right and mirrored here."""

    rtl: bool = False

    def x(self, value: float, width: float = 0) -> float:
        """The left edge of something ``width`` wide that starts at ``value``."""
        return WIDTH - value - width if self.rtl else value

    def anchor(self, anchor: str) -> str:
        return {"start": "end", "end": "start"}.get(anchor, anchor) if self.rtl else anchor

    def text(self, x: float, y: float, content: str, anchor: str = "start",
             extra: str = "") -> str:
        return (f'<text x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="{self.anchor(anchor)}" '
                f'class="cm-chart__text"{extra}>{escape(content)}</text>')

    def rect(self, x: float, y: float, w: float, h: float, series: int, tip: str) -> str:
        w = max(w, 0)
        return (f'<rect x="{self.x(x, w):.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'class="cm-chart__s{series}"><title>{escape(tip)}</title></rect>')


def svg(chart: Chart, direction: str = "ltr") -> str:
    """The chart as an SVG element string (well-formed XML), for a page written in
    ``direction`` ('ltr' or 'rtl')."""
    if not chart.bars:
        return ""
    frame = _Frame(direction == "rtl")
    draw = {"bar": _bars, "columns": _columns, "line": _line}[chart.kind]
    body, height = draw(chart, frame)
    ids = f"cm-chart-{chart.id}"
    legend = _legend(chart, height, frame) if len(chart.series) > 1 else ""
    if legend:
        height += 24
    # The drawing's own direction is fixed: SVG reads text-anchor by the inherited
    # direction, and the coordinates above already are the mirror image where needed.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cm-chart__svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc" font-size="{FONT}" direction="ltr">'
        f'<title id="{ids}-title">{escape(chart.title)}</title>'
        f'<desc id="{ids}-desc">{escape(chart.description)}</desc>'
        f"{body}{legend}</svg>"
    )


def _bars(chart: Chart, frame: _Frame) -> tuple[str, int]:
    """Horizontal bars, grouped when there are several series."""
    peak = max(max(b.values) for b in chart.bars) or 1
    per_series, gap = 14, 10
    row = per_series * len(chart.series) + gap
    area = WIDTH - LABEL_WIDTH - 40
    parts = []
    for i, bar in enumerate(chart.bars):
        top = 8 + i * row
        parts.append(frame.text(LABEL_WIDTH - 8, top + row / 2, _clip(bar.label, 28), "end",
                                ' dominant-baseline="middle"'))
        for s, value in enumerate(bar.values):
            y = top + s * per_series
            width = area * value / peak
            tip = f"{bar.label}: {value} {chart.series[s].lower()}" if len(chart.series) > 1 \
                else f"{bar.label}: {value}"
            parts.append(frame.rect(LABEL_WIDTH, y, width, per_series - 2, s, tip))
            parts.append(frame.text(LABEL_WIDTH + width + 4, y + (per_series - 2) / 2,
                                    str(value), extra=' dominant-baseline="middle"'))
    return "".join(parts), 8 + len(chart.bars) * row


def _columns(chart: Chart, frame: _Frame) -> tuple[str, int]:
    """Vertical columns, stacked by series (e.g. events per month by format)."""
    height, top, bottom, left = 240, 10, 56, 36
    plot = height - top - bottom
    totals = [sum(b.values) for b in chart.bars]
    peak = max(totals) or 1
    step = (WIDTH - left - 8) / len(chart.bars)
    width = min(step * 0.7, 40)
    parts = _y_axis(peak, left, top, plot, frame)
    for i, bar in enumerate(chart.bars):
        x = left + i * step + (step - width) / 2
        base = top + plot
        for s, value in enumerate(bar.values):
            h = plot * value / peak
            if value:
                tip = f"{bar.label}: {value}" + (f" {chart.series[s].lower()}"
                                                 if len(chart.series) > 1 else "")
                parts.append(frame.rect(x, base - h, width, h, s, tip))
            base -= h
        cx, cy = x + width / 2, top + plot + 12
        turn = 45 if frame.rtl else -45  # the label slants away from the axis either way
        parts.append(frame.text(cx, cy, bar.label, "end",
                                f' transform="rotate({turn} {frame.x(cx):.1f} {cy:.1f})"'))
    return "".join(parts), height


def _line(chart: Chart, frame: _Frame) -> tuple[str, int]:
    """A line with the area under it (cumulative counts)."""
    height, top, bottom, left = 220, 10, 36, 36
    plot = height - top - bottom
    values = [b.values[0] for b in chart.bars]
    peak = max(values) or 1
    count = len(values)
    step = (WIDTH - left - 12) / max(count - 1, 1)
    points = [(frame.x(left + i * step), top + plot - plot * v / peak)
              for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"{frame.x(left):.1f},{top + plot:.1f} {path} {points[-1][0]:.1f},{top + plot:.1f}"
    parts = _y_axis(peak, left, top, plot, frame)
    parts.append(f'<polygon points="{area}" class="cm-chart__area"/>')
    parts.append(f'<polyline points="{path}" class="cm-chart__line" fill="none"/>')
    every = max(1, round(count / 6))
    for i in range(0, count, every):
        parts.append(frame.text(left + i * step, top + plot + 16, chart.bars[i].label,
                                "middle"))
    x, y = points[-1]
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="cm-chart__s0">'
                 f"<title>{escape(chart.bars[-1].label)}: {values[-1]}</title></circle>")
    return "".join(parts), height


def _y_axis(peak: int, left: float, top: float, plot: float, frame: _Frame) -> list[str]:
    parts = []
    for fraction in (0, 0.5, 1):
        value = round(peak * fraction)
        if fraction and value == round(peak * (fraction - 0.5)):
            continue
        y = top + plot - plot * (value / peak)
        parts.append(f'<line x1="{frame.x(left):.1f}" x2="{frame.x(WIDTH - 4):.1f}" '
                     f'y1="{y:.1f}" y2="{y:.1f}" class="cm-chart__grid"/>')
        parts.append(frame.text(left - 6, y + 4, str(value), "end"))
    return parts


def _legend(chart: Chart, top: int, frame: _Frame) -> str:
    parts, x = [], LABEL_WIDTH if chart.kind == "bar" else 36
    for s, name in enumerate(chart.series):
        parts.append(f'<rect x="{frame.x(x, 12):g}" y="{top + 6}" width="12" height="12" '
                     f'class="cm-chart__s{s}"/>')
        parts.append(frame.text(x + 16, top + 16, name))
        x += 24 + len(name) * 7
    return "".join(parts)


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
