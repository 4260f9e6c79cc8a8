"""Charts as accessible inline SVG, drawn at build time.

No chart library and nothing fetched: each chart is a small SVG with a title and a
description for screen readers, coloured through CSS classes so that the theme's
light and dark schemes both apply. The numbers are always also given as a table
(see the insights template), which is the accessible form of record.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 640
# A second drawing for phones: at 360 units it shows at about its own size on a 390 px
# screen, so its 12-unit text stays readable instead of shrinking to 6 px. Bar labels go
# above their bars there, where a 190-unit label column would leave the bars no room.
NARROW_WIDTH = 360
LABEL_WIDTH = 190
FONT = 12


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    values: tuple[int, ...]  # one value per series


@dataclass(frozen=True)
class Chart:
    """Data for one chart: categories (bars) with one value per series."""

    id: str
    title: str
    description: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    kind: str = "bar"  # "bar" (horizontal), "columns" (vertical, stacked), "line"
    unit: str = "members"
    category: str = ""  # what a bar stands for, for the table's header

    @property
    def total(self) -> int:
        return sum(sum(b.values) for b in self.bars)


@dataclass(frozen=True)
class _Frame:
    """Where things go across a drawing ``width`` wide. Right-to-left pages get the mirror
    image: labels on the right, bars growing leftwards, time running from right to left,
    as their readers read. Coordinates are written left to right and mirrored here."""

    width: int = WIDTH
    rtl: bool = False

    def x(self, value: float, length: float = 0) -> float:
        """The left edge of something ``length`` wide that starts at ``value``."""
        return self.width - value - length if self.rtl else value

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


def svg(chart: Chart, *, narrow: bool = False, direction: str = "ltr") -> str:
    """The chart as an SVG element string (well-formed XML); ``narrow``: the phone layout;
    ``direction``: the page's ('ltr' or 'rtl')."""
    if not chart.bars:
        return ""
    width = NARROW_WIDTH if narrow else WIDTH
    frame = _Frame(width, direction == "rtl")
    draw = {"bar": _bars, "columns": _columns, "line": _line}[chart.kind]
    body, height = draw(chart, frame, narrow)
    ids = f"cm-chart-{chart.id}" + ("-narrow" if narrow else "")
    legend = _legend(chart, height, frame, narrow) if len(chart.series) > 1 else ""
    if legend:
        height += 24
    layout = "narrow" if narrow else "wide"
    # The drawing's own direction is fixed: SVG reads text-anchor by the inherited
    # direction, and the coordinates above already are the mirror image where needed.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cm-chart__svg cm-chart__svg--{layout}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc" font-size="{FONT}" direction="ltr">'
        f'<title id="{ids}-title">{escape(chart.title)}</title>'
        f'<desc id="{ids}-desc">{escape(chart.description)}</desc>'
        f"{body}{legend}</svg>"
    )


def drawings(chart: Chart, direction: str = "ltr") -> str:
    """Both layouts of the chart; the stylesheet shows the one that fits the screen."""
    return svg(chart, direction=direction) + svg(chart, narrow=True, direction=direction)


def _bars(chart: Chart, frame: _Frame, narrow: bool = False) -> tuple[str, int]:
    """Horizontal bars, grouped when there are several series; narrow: labels above."""
    peak = max(max(b.values) for b in chart.bars) or 1
    per_series, gap = 14, 10
    label_row = 16 if narrow else 0
    row = label_row + per_series * len(chart.series) + gap
    start = 0 if narrow else LABEL_WIDTH
    area = frame.width - start - 40
    parts = []
    for i, bar in enumerate(chart.bars):
        top = 8 + i * row
        if narrow:
            parts.append(frame.text(0, top + 10, _clip(bar.label, 48)))
        else:
            parts.append(frame.text(LABEL_WIDTH - 8, top + row / 2, _clip(bar.label, 28), "end",
                                    ' dominant-baseline="middle"'))
        for s, value in enumerate(bar.values):
            y = top + label_row + s * per_series
            length = area * value / peak
            tip = f"{bar.label}: {value} {chart.series[s].lower()}" if len(chart.series) > 1 \
                else f"{bar.label}: {value}"
            parts.append(frame.rect(start, y, length, per_series - 2, s, tip))
            parts.append(frame.text(start + length + 4, y + (per_series - 2) / 2, str(value),
                                    extra=' dominant-baseline="middle"'))
    return "".join(parts), 8 + len(chart.bars) * row


def _columns(chart: Chart, frame: _Frame, narrow: bool = False) -> tuple[str, int]:
    """Vertical columns, stacked by series (e.g. events per month by format)."""
    height, top, bottom, left = 240, 10, 56, 36
    plot = height - top - bottom
    totals = [sum(b.values) for b in chart.bars]
    peak = max(totals) or 1
    step = (frame.width - left - 8) / len(chart.bars)
    column = min(step * 0.7, 40)
    # Every label while they fit side by side; on a narrow drawing, every other one.
    every = 2 if narrow and step < FONT * 1.6 else 1
    parts = _y_axis(peak, left, top, plot, frame)
    for i, bar in enumerate(chart.bars):
        x = left + i * step + (step - column) / 2
        base = top + plot
        for s, value in enumerate(bar.values):
            h = plot * value / peak
            if value:
                tip = f"{bar.label}: {value}" + (f" {chart.series[s].lower()}"
                                                 if len(chart.series) > 1 else "")
                parts.append(frame.rect(x, base - h, column, h, s, tip))
            base -= h
        if i % every == 0:
            cx, cy = x + column / 2, top + plot + 12
            turn = 45 if frame.rtl else -45  # the label slants away from the axis either way
            parts.append(frame.text(cx, cy, bar.label, "end",
                                    f' transform="rotate({turn} {frame.x(cx):.1f} {cy:.1f})"'))
    return "".join(parts), height


def _line(chart: Chart, frame: _Frame, narrow: bool = False) -> tuple[str, int]:
    """A line with the area under it (cumulative counts)."""
    height, top, bottom, left = 220, 10, 36, 36
    plot = height - top - bottom
    values = [b.values[0] for b in chart.bars]
    peak = max(values) or 1
    count = len(values)
    step = (frame.width - left - 12) / max(count - 1, 1)
    points = [(frame.x(left + i * step), top + plot - plot * v / peak)
              for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"{frame.x(left):.1f},{top + plot:.1f} {path} {points[-1][0]:.1f},{top + plot:.1f}"
    parts = _y_axis(peak, left, top, plot, frame)
    parts.append(f'<polygon points="{area}" class="cm-chart__area"/>')
    parts.append(f'<polyline points="{path}" class="cm-chart__line" fill="none"/>')
    every = max(1, round(count / (3 if narrow else 6)))
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
        parts.append(f'<line x1="{frame.x(left):.1f}" x2="{frame.x(frame.width - 4):.1f}" '
                     f'y1="{y:.1f}" y2="{y:.1f}" class="cm-chart__grid"/>')
        parts.append(frame.text(left - 6, y + 4, str(value), "end"))
    return parts


def _legend(chart: Chart, top: int, frame: _Frame, narrow: bool = False) -> str:
    parts, x = [], LABEL_WIDTH if chart.kind == "bar" and not narrow else 36 if not narrow \
        else 0
    for s, name in enumerate(chart.series):
        parts.append(f'<rect x="{frame.x(x, 12):g}" y="{top + 6}" width="12" height="12" '
                     f'class="cm-chart__s{s}"/>')
        parts.append(frame.text(x + 16, top + 16, name))
        x += 24 + len(name) * 7
    return "".join(parts)


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
