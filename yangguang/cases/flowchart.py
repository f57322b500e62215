"""The published flowchart (执法流程图) of each kind of case, drawn from the workflow declaration.

A small layered layout: the declaration's ``layers`` are rows from top to bottom, states are boxes,
state-changing transitions are labelled arrows (straight between neighbouring rows, routed along a
lane on the left when they skip rows or go back), and the records that can be made in a state are
listed beside its box. The same function draws the public SVG and the one on the case page, where
the current state is highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from .workflow import CaseKind, CaseState, Transition, Workflow, workflow_for

BOX_W = 172
BOX_H = 46
GAP_X = 48
GAP_Y = 78
TOP = 64
LANE_GAP = 16
LABEL_FONT = 12
NOTE_FONT = 11
NOTES_W = 330
FONT_FAMILY = "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


@dataclass(frozen=True)
class Box:
    state: str
    x: int
    y: int

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2

    @property
    def bottom(self) -> int:
        return self.y + BOX_H


def text_width(text: str, size: int) -> int:
    """Rough width: CJK characters are square, others about half as wide."""
    return int(sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text))


def _edges(wf: Workflow) -> list[tuple[str, str, str, Transition]]:
    """(source, target, label, transition) for every state-changing arrow, labels of parallel
    arrows merged."""
    merged: dict[tuple[str, str], list[Transition]] = {}
    for t in wf.transitions:
        if t.target is None:
            continue
        for s in t.sources:
            merged.setdefault((s, t.target), []).append(t)
    return [(s, d, " / ".join(t.label for t in ts), ts[0]) for (s, d), ts in merged.items()]


def _records(wf: Workflow, state: str) -> list[str]:
    return [t.label for t in wf.transitions if t.target is None and state in t.sources]


Edge = tuple[str, str, str, Transition]


def _row_arrows(edges: list[Edge], boxes: dict[str, Box], layer_of: dict[str, int]) -> list[str]:
    """Arrows between neighbouring rows, each with its label on a white ground."""
    out: list[str] = []
    for s, d, label, t in edges:
        a, b = boxes[s], boxes[d]
        if layer_of[d] != layer_of[s] + 1:
            continue
        x1, y1, x2, y2 = a.cx, a.bottom, b.cx, b.y
        out.append(
            f'<g class="edge" data-action="{t.action}"><title>{escape(t.requires or label)}</title>'
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2 - 2}" stroke="#5b636d" stroke-width="1.4" '
            'marker-end="url(#arrow)"/>'
        )
        mx, my = (x1 + x2) // 2, (y1 + y2) // 2
        w = text_width(label, LABEL_FONT) + 8
        out.append(
            f'<rect x="{mx - w // 2}" y="{my - 9}" width="{w}" height="18" rx="3" fill="#fff" opacity="0.92"/>'
            f'<text x="{mx}" y="{my + 4}" font-size="{LABEL_FONT}" text-anchor="middle" fill="#0b57d0">'
            f"{escape(label)}</text></g>"
        )
    return out


def _lane_arrows(lane_groups: dict[tuple[str, str], list[Edge]], boxes: dict[str, Box], first_lane_x: int) -> list[str]:
    """Arrows that skip rows (or go back) run along lanes on the left; each label sits on the
    arrow's last segment, between the lanes and the box it enters."""
    out: list[str] = []
    for k, group in enumerate(lane_groups.values()):
        _s, d, label, t = group[0]
        b = boxes[d]
        lane_x = first_lane_x - k * LANE_GAP
        y2 = b.y + BOX_H // 2 + 4 - 8 * (k % 2)
        out.append(f'<g class="edge lane" data-action="{t.action}"><title>{escape(t.requires or label)}</title>')
        for s, _d, _label, _t in group:
            a = boxes[s]
            y1 = a.y + BOX_H // 2 + 6
            out.append(
                f'<polyline points="{a.x},{y1} {lane_x},{y1} {lane_x},{y2} {b.x - 2},{y2}" fill="none" '
                'stroke="#5b636d" stroke-width="1.2" stroke-dasharray="5 3" marker-end="url(#arrow)"/>'
            )
        out.append(
            f'<text x="{b.x - 8}" y="{y2 - 5}" font-size="{LABEL_FONT}" text-anchor="end" fill="#0b57d0">'
            f"{escape(label)}</text></g>"
        )
    return out


def _state_boxes(wf: Workflow, boxes: dict[str, Box], current: str | None) -> list[str]:
    """The state boxes; the current one highlighted, terminal ones grey."""
    out: list[str] = []
    for state, box in boxes.items():
        is_current = state == current
        terminal = state in wf.terminal
        fill = "#b3261e" if is_current else ("#eef1f4" if terminal else "#fff7e6")
        stroke = "#b3261e" if is_current else "#9aa4ae"
        ink = "#ffffff" if is_current else "#1f2328"
        label = str(CaseState(state).label)
        out.append(
            f'<g class="state{" current" if is_current else ""}" data-state="{state}">'
            f'<rect x="{box.x}" y="{box.y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{2.5 if is_current else 1.2}"/>'
            f'<text x="{box.cx}" y="{box.y + BOX_H // 2 + 5}" font-size="15" text-anchor="middle" '
            f'font-weight="{700 if is_current else 400}" fill="{ink}">{escape(label)}</text></g>'
        )
    return out


def _record_notes(wf: Workflow, boxes: dict[str, Box], notes_x: int) -> list[str]:
    """Beside each row, the records that may be made in its states (可记录：…), wrapped."""
    out: list[str] = []
    for layer in wf.layers:
        notes = [r for s in layer for r in _records(wf, s)]
        if not notes:
            continue
        y = boxes[layer[0]].y + 14
        lines: list[str] = []
        line = "可记录："
        for n in notes:
            piece = n if line.endswith("：") else "、" + n
            if text_width(line + piece, NOTE_FONT) > NOTES_W - 10:
                lines.append(line)
                line = "　　　　" + n
            else:
                line += piece
        lines.append(line)
        for i, text in enumerate(lines):
            out.append(
                f'<text x="{notes_x}" y="{y + i * 15}" font-size="{NOTE_FONT}" fill="#5b636d">{escape(text)}</text>'
            )
    return out


def render_svg(kind: str, *, current: str | None = None, title: bool = True) -> str:
    """The flowchart of ``kind`` as a standalone SVG document; ``current`` is highlighted."""
    wf = workflow_for(kind)
    layer_of = {s: i for i, layer in enumerate(wf.layers) for s in layer}
    edges = _edges(wf)
    lanes = [e for e in edges if layer_of[e[1]] != layer_of[e[0]] + 1]
    # Lanes of one step into one state (e.g. a decision revoked from several states) share a lane
    # and a label.
    lane_groups: dict[tuple[str, str], list[Edge]] = {}
    for e in lanes:
        lane_groups.setdefault((e[1], e[3].action), []).append(e)
    lane_label_w = max((text_width(e[2], LABEL_FONT) for e in lanes), default=0)
    left = 24 + (lane_label_w + 24 + LANE_GAP * len(lane_groups) if lanes else 0)
    ncols = max(len(layer) for layer in wf.layers)
    boxes: dict[str, Box] = {}
    for i, layer in enumerate(wf.layers):
        for j, state in enumerate(layer):
            boxes[state] = Box(state, left + j * (BOX_W + GAP_X), TOP + i * (BOX_H + GAP_Y))
    notes_x = left + ncols * (BOX_W + GAP_X) - GAP_X + 28
    width = notes_x + NOTES_W
    height = TOP + len(wf.layers) * (BOX_H + GAP_Y) - GAP_Y + 30

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}" role="img" '
        f'aria-label="{escape(str(CaseKind(kind).label))}流程图" class="flowchart">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b636d"/></marker></defs>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if title:
        out.append(
            f'<text x="{left}" y="32" font-size="18" font-weight="700" fill="#1f2328">'
            f"{escape(str(CaseKind(kind).label))}流程图</text>"
        )

    out.extend(_row_arrows(edges, boxes, layer_of))
    out.extend(_lane_arrows(lane_groups, boxes, left - lane_label_w - 20))
    out.extend(_state_boxes(wf, boxes, current))
    out.extend(_record_notes(wf, boxes, notes_x))
    out.append("</svg>")
    return "".join(out)
