// Line charts as SVG, drawn from API data at the width they are shown, so their text is the page's
// own size (and larger in presenter mode). Eight series styles (site.css .cc-series-0 to -7) differ in
// colour (a colour-blind-safe palette) and in dash pattern. Each line is named at its right-hand end,
// labels pushed apart so none overlaps; where the chart is too narrow for that, a legend follows it.
// Callers always give the same data as a table as well.
import { el } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";
export const SERIES_STYLES = 8;

function svg(tag, attributes, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Spread labels (wanted centres, heights) so that neighbours do not overlap, within [low, high].
export function spreadLabels(wanted, heights, low, high) {
  const order = wanted.map((y, index) => ({ y, h: heights[index], index })).sort((a, b) => a.y - b.y);
  order.forEach((item, i) => {
    const floor = i ? order[i - 1].y + (order[i - 1].h + item.h) / 2 : low + item.h / 2;
    item.y = Math.max(item.y, floor);
  });
  for (let i = order.length - 1; i >= 0; i--) {
    const item = order[i];
    const ceiling = i < order.length - 1 ? order[i + 1].y - (order[i + 1].h + item.h) / 2 : high - item.h / 2;
    item.y = Math.min(item.y, ceiling);
  }
  const placed = [];
  for (const item of order) placed[item.index] = item.y;
  return placed;
}

// A label in at most two lines of about the given length, broken at a space.
function labelLines(text, chars) {
  if (text.length <= chars) return [text];
  const cut = text.lastIndexOf(" ", Math.min(chars, text.length - 1));
  return cut > 0 ? [text.slice(0, cut), text.slice(cut + 1)] : [text];
}

// spec: {id, title, description, axes, key, xMax, yMax, yUnit, xLabel,
//        series: [{label, points: [[x, y], ...], style, emphasis}], lines: [{value, label}]}
// Every word in it is the API's: ``axes`` is the axes in a sentence, ``key`` the legend's name.
// Returns a <figure> with the chart, the axis ranges in words, and a legend when labels do not fit.
export function lineChart(spec, container, caption) {
  const font = parseFloat(getComputedStyle(container).fontSize) || 16;
  const width = Math.max(280, Math.round(container.clientWidth || 640));
  const height = Math.round(Math.min(Math.max(width * 0.45, 15 * font), 26 * font));
  const labels = spec.series.filter((s) => s.points.length).map((s) => s.label).concat((spec.lines || []).map((l) => l.label));
  const charWidth = font * 0.56;
  const chars = Math.max(12, Math.floor((width * 0.3) / charWidth));
  const split = labels.map((text) => labelLines(text, chars));
  const longest = Math.max(0, ...split.flat().map((line) => line.length)) * charWidth;
  const direct = longest + 2 * font < width * 0.42 && split.every((lines) => lines.length <= 2 && lines.every((l) => l.length <= chars));
  const left = font * 3.2, top = font * 0.8, bottom = font * 3;
  const right = direct ? longest + font * 1.6 : font;
  const plotW = width - left - right, plotH = height - top - bottom;
  const x = (v) => left + plotW * v / spec.xMax;
  const y = (v) => top + plotH - plotH * v / spec.yMax;

  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "cc-chart",
    "font-size": font, "aria-labelledby": spec.id + "-title " + spec.id + "-desc" });
  root.append(svg("title", { id: spec.id + "-title" }, spec.title), svg("desc", { id: spec.id + "-desc" }, spec.description));
  const axes = svg("g", { class: "cc-chart__axes", "aria-hidden": "true" });
  axes.append(svg("line", { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }),
    svg("line", { x1: left, y1: top, x2: left, y2: top + plotH }));
  const xStep = niceStep(spec.xMax, plotW / (font * 3));
  for (let t = 0; t <= spec.xMax; t += xStep) {
    axes.append(svg("text", { x: x(t), y: top + plotH + font * 1.2, "text-anchor": "middle" }, String(t)));
  }
  const yStep = niceStep(spec.yMax, plotH / (font * 2));
  for (let v = 0; v <= spec.yMax; v += yStep) {
    axes.append(svg("line", { class: "cc-chart__grid", x1: left, x2: left + plotW, y1: y(v), y2: y(v) }));
    axes.append(svg("text", { x: left - font * 0.4, y: y(v) + font * 0.35, "text-anchor": "end" }, v + (spec.yUnit || "")));
  }
  axes.append(svg("text", { x: left + plotW / 2, y: height - font * 0.4, "text-anchor": "middle" }, spec.xLabel));
  root.append(axes);

  const ends = [];
  for (const line of spec.lines || []) {
    const g = svg("g", { class: "cc-chart__ref", "aria-hidden": "true" });
    g.append(svg("line", { x1: left, x2: left + plotW, y1: y(line.value), y2: y(line.value) }));
    root.append(g);
    ends.push({ y: y(line.value), x: left + plotW, label: line.label, group: g });
  }
  for (const series of spec.series) {
    if (!series.points.length) continue;
    const g = svg("g", { class: "cc-chart__series cc-series-" + series.style + (series.emphasis ? " cc-chart__series--emphasis" : ""), "aria-hidden": "true" });
    g.append(svg("polyline", { points: series.points.map(([px, py]) => x(px) + "," + y(py)).join(" ") }));
    const [lastX, lastY] = series.points[series.points.length - 1];
    g.append(svg("circle", { cx: x(lastX), cy: y(lastY), r: font * 0.22 }));
    root.append(g);
    ends.push({ y: y(lastY), x: x(lastX), label: series.label, group: g });
  }
  if (direct) {
    const lineHeight = font * 1.15;
    // Labels sit further apart than the lines of one label, so each reads as one and no two text
    // boxes touch: a line's box is taller than its pitch (about 1.3 em in Firefox with the page's fonts).
    const gap = font * 0.3;
    const lines = ends.map((end) => labelLines(end.label, chars));
    const placed = spreadLabels(ends.map((end) => end.y), lines.map((l) => l.length * lineHeight + gap), top, top + plotH + font);
    ends.forEach((end, i) => {
      const labelX = left + plotW + font * 0.9;
      const text = svg("text", { class: "cc-chart__label", x: labelX, y: placed[i] + font * 0.35 - (lines[i].length - 1) * lineHeight / 2 });
      lines[i].forEach((line, n) => text.append(svg("tspan", { x: labelX, dy: n ? lineHeight : 0 }, line)));
      end.group.append(svg("line", { class: "cc-chart__leader", x1: end.x, y1: end.y, x2: labelX - font * 0.2, y2: placed[i] }), text);
    });
  }
  const figure = el("figure", { className: "cc-figure" }, [root]);
  if (!direct) figure.append(legend(spec));
  figure.append(el("figcaption", { text: caption + " " + spec.axes }));
  return figure;
}

function legend(spec) {
  const items = spec.series.map((series) => el("li", { className: "cc-series-" + series.style }, [swatch(), series.label]));
  for (const line of spec.lines || []) items.push(el("li", { className: "cc-chart__ref" }, [swatch(), line.label]));
  return el("ul", { className: "cc-legend", "aria-label": spec.key }, items);
}

function swatch() {
  const node = svg("svg", { width: 36, height: 12, viewBox: "0 0 36 12", "aria-hidden": "true", class: "cc-legend__swatch" });
  node.append(svg("line", { x1: 0, y1: 6, x2: 36, y2: 6 }));
  return node;
}

function niceStep(range, maxTicks) {
  const raw = range / Math.max(1, Math.floor(maxTicks));
  return [1, 2, 4, 5, 10, 13, 20, 25, 26, 50, 100].find((step) => step >= raw) || Math.ceil(raw);
}
