// Charts of the « Tableau de bord », drawn with Chart.js (tree-shaken: only the bar and line charts are bundled,
// and only with the dashboard screen, loaded when it is opened). Every chart has its table beside it for screen
// readers and for whoever prefers figures; the chart's texts (axes, tooltips) use the same French formats as the
// rest of the app, and its colours the app's, each saying what the words say (late is red, not due is green).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { formatAmount } from "./format";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

/**
 * The height of a bar, for drawing only: an amount's canonical string ("1234.56") as a number of euros. What is
 * read (axis ticks, tooltips, the tables) is always written from the strings; no figure shown comes from this.
 */
export function barHeight(canonical: string | null | undefined): number {
  if (!canonical) return 0;
  const n = Number(canonical);
  return Number.isFinite(n) ? n : 0;
}

/** "106.1" → "106,1". */
export function formatDays(d: string | null | undefined): string {
  return d ? d.replace(".", ",") : "–";
}

/** An axis tick in euros, French style: 1 200 €. */
export function euroTick(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  return formatAmount(String(Math.round(n)), true).replace(",00", "");
}

/** The app's colours, read from its style sheet. */
export function palette(): Record<"ok" | "late" | "warn" | "info" | "accent" | "muted" | "text2" | "line", string> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { ok: v("--ok"), late: v("--late"), warn: v("--warn"), info: v("--info"), accent: v("--accent"), muted: v("--line-strong"), text2: v("--text-2"), line: v("--line") };
}

/** Defaults for every chart: no animation (calm, and the same picture in every screenshot), French locale. */
function withDefaults(config: ChartConfiguration): ChartConfiguration {
  const p = palette();
  Chart.defaults.color = p.text2;
  Chart.defaults.borderColor = p.line;
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  return { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, locale: "fr-FR", ...config.options } };
}

/** A Svelte action: `<canvas use:chart={config}>`, redrawn when the configuration changes. */
export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration) {
  let c = new Chart(canvas, withDefaults(config));
  return {
    update(next: ChartConfiguration) {
      c.destroy();
      c = new Chart(canvas, withDefaults(next));
    },
    destroy() {
      c.destroy();
    },
  };
}
