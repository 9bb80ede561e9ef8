// Bar/line charts with uPlot (bundled from npm at build time).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "./dom.js";

/** series: [{label, values, color}], x: round numbers. Draws into a fresh element and returns it. */
export function roundChart(title, rounds, series) {
  const holder = h("div", { class: "chart", "data-chart": title });
  if (rounds.length === 0) {
    holder.append(h("p", { class: "muted empty" }, "No settled round yet."));
    return holder;
  }
  const draw = () => {
    const width = Math.max(280, holder.clientWidth || 600);
    const bars = uPlot.paths.bars({ size: [0.6, 40] });
    const plot = new uPlot({
      width,
      height: 220,
      scales: { x: { time: false } },
      axes: [
        { label: "round", values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")) },
        { label: "ETH", size: 70 },
      ],
      series: [{ label: "round" }, ...series.map((s) => ({ label: s.label, stroke: s.color, fill: s.color + "55", width: 1, paths: bars }))],
      legend: { show: true },
    }, [rounds, ...series.map((s) => s.values)], holder);
    holder.dataset.drawn = "true";
    return plot;
  };
  // Drawn once the holder is in the document, so it knows its width.
  requestAnimationFrame(draw);
  return holder;
}
