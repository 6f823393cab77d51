"""How the web page looks: large type for the back of a projector room, light and dark.

Every rule sits under ``.chainrule``, the wrapper both the page and the Jupyter fragment put
round their blocks, so the fragment's style never restyles the notebook around it.
"""

from __future__ import annotations

# Math fonts with an OpenType MATH table (built-up fractions, radicals). DejaVu's is the
# sturdiest on a projector and matches DejaVu Sans; then macOS's STIX Two, Windows's Cambria,
# TeX's Latin Modern (thin, last), then whatever the browser calls math.
_MATH_FONTS = (
    '"DejaVu Math TeX Gyre", "TeX Gyre DejaVu Math", "STIX Two Math", "Cambria Math",'
    ' "Latin Modern Math", math'
)

STYLE = """
.chainrule {
  --fg: #14171c; --bg: #ffffff; --muted: #4a5260; --accent: #0a58a8; --panel: #f4f6f9;
  --line: #aab3c0; --ok: #17753a; --failed: #c0262d; --curve: #0a58a8; --grid: #dde2e8;
  color: var(--fg); background: var(--bg); color-scheme: light dark;
  font: 1.4rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    sans-serif;
  max-width: 50em; margin: 0 auto; padding: 1.2em 1.4em 3em;
  overflow-wrap: break-word;
}
@media (prefers-color-scheme: dark) {
  .chainrule {
    --fg: #eef1f5; --bg: #101318; --muted: #b4bcc8; --accent: #7cc0ff; --panel: #191e26;
    --line: #4b5563; --ok: #5fd48a; --failed: #ff7b7b; --curve: #7cc0ff; --grid: #2c333d;
  }
}
.chainrule math { font-family: MATHFONTS; font-size: 1.15em; }
.chainrule h1, .chainrule h2, .chainrule h3 { line-height: 1.25; margin: 1.6em 0 0.5em; }
.chainrule h1 { font-size: 1.6em; margin-top: 0.4em; }
.chainrule h2 {
  font-size: 1.25em; color: var(--accent); border-bottom: 2px solid var(--line);
  padding-bottom: 0.15em;
}
.chainrule h3 { font-size: 1.05em; }
.chainrule p { margin: 0.6em 0; }
.chainrule .eq {
  display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.8em;
  margin: 0.5em 0 0.5em 1em; overflow-x: auto;
}
.chainrule .eq math[display="block"] { margin: 0.2em 0; text-align: left; }
.chainrule .eq .label { color: var(--muted); font-weight: 600; }
.chainrule .note, .chainrule .uses { color: var(--muted); }
.chainrule mtd { padding: 0.15em 0; }
.chainrule mtd.lhs { text-align: right; }
.chainrule mtd.rhs { text-align: left; }
.chainrule ol.steps { padding-left: 2.2em; margin: 0.5em 0 1em; }
.chainrule ol.steps > li { margin: 0.9em 0 1.1em; padding-left: 0.3em; }
.chainrule ol.steps > li::marker { font-weight: 700; color: var(--accent); }
.chainrule ol.steps .eq { margin-left: 0; }
.chainrule .rule { color: var(--accent); }
.chainrule ol.nested { font-size: 0.88em; color: var(--muted); margin-left: 1.2em; }
.chainrule ol.nested .rule { color: var(--muted); }
.chainrule .panel {
  border: 2px solid var(--line); border-radius: 0.5em; background: var(--panel);
  padding: 0.6em 1.1em; margin: 1.4em 0;
}
.chainrule .panel.ok { border: 3px solid var(--ok); }
.chainrule .panel.failed { border: 3px solid var(--failed); }
.chainrule .panel > .title { font-weight: 700; margin: 0.2em 0 0.4em; }
.chainrule .panel .eq { margin-left: 0; }
.chainrule table { border-collapse: collapse; margin: 0.6em 0 1em; }
.chainrule th, .chainrule td { padding: 0.25em 0.6em; text-align: left; vertical-align: middle; }
.chainrule .table table { font-size: 0.92em; }
.chainrule thead th { border-bottom: 2px solid var(--line); }
.chainrule tbody tr:nth-child(even) { background: var(--panel); }
.chainrule .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chainrule table.links th { color: var(--muted); font-weight: 600; padding-left: 0; }
.chainrule table.links tbody tr { background: none; }
.chainrule .table { overflow-x: auto; }
.chainrule .verdict { font-weight: 600; padding-left: 1.4em; text-indent: -1.4em; }
.chainrule .verdict .mark { display: inline-block; width: 1.4em; text-indent: 0; }
.chainrule .verdict.ok { color: var(--ok); }
.chainrule .verdict.failed { color: var(--failed); }
.chainrule .verdict.skipped { color: var(--muted); }
.chainrule ol.flow { list-style: none; padding: 0; margin: 1em 0; }
.chainrule .flow-row { display: flex; flex-wrap: wrap; align-items: stretch; gap: 0 1.2em; }
.chainrule .stem { display: flex; flex-direction: column; align-items: flex-start; }
.chainrule .stem .in, .chainrule .stem .out {
  flex: 1; margin-left: 1.2em; border-left: 3px solid var(--accent); position: relative;
}
.chainrule ol.flow > li:first-child .in, .chainrule ol.flow > li:last-child .out { border: 0; }
.chainrule ol.flow > li:not(:first-child) .in::after {
  content: ""; position: absolute; left: -0.55em; bottom: 0;
  border: 0.45em solid transparent; border-top: 0.6em solid var(--accent); border-bottom: 0;
}
.chainrule .node {
  border: 2px solid var(--accent); border-radius: 0.4em; padding: 0.2em 0.7em;
  background: var(--panel);
}
.chainrule ul.inputs { list-style: none; padding: 0; margin: 0; align-self: center; }
.chainrule ul.inputs li { margin: 0.2em 0; }
.chainrule ul.inputs .node { border-color: var(--line); }
.chainrule .arrow { color: var(--accent); font-weight: 700; }
.chainrule .down {
  margin-left: 1.2em; padding: 0.35em 0 0.9em 1.1em; border-left: 3px solid var(--accent);
}
.chainrule figure { margin: 1em 0; }
.chainrule svg.plot { width: 100%; max-width: 40em; height: auto; }
.chainrule svg.plot text { fill: var(--fg); font: 20px system-ui, sans-serif; }
.chainrule svg.plot .name { font-size: 24px; font-style: italic; font-family: serif; }
.chainrule svg.plot .axis { stroke: var(--fg); stroke-width: 1.5; }
.chainrule svg.plot .grid { stroke: var(--grid); stroke-width: 1; }
.chainrule svg.plot .curve { stroke: var(--curve); stroke-width: 3; fill: none; }
.chainrule svg.plot .end { fill: var(--curve); }
.chainrule .exercise { border-left: 4px solid var(--accent); padding-left: 1em; }
.chainrule details summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.chainrule hr.pause { border: 0; border-top: 2px dotted var(--line); margin: 1.5em 20%; }
.chainrule p.pause { color: var(--muted); text-align: center; font-style: italic; }
""".replace("MATHFONTS", _MATH_FONTS)

#: Only the standalone page styles the page itself.
PAGE_STYLE = """
html { background: #ffffff; }
body { margin: 0; }
@media (prefers-color-scheme: dark) { html { background: #101318; } }
"""

#: In a notebook the output is a card a little smaller than the projector page.
FRAGMENT_STYLE = """
.chainrule.fragment { font-size: 1.15rem; max-width: none; margin: 0; border-radius: 0.5em; }
"""
