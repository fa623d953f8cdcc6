// A Chart.js chart on a canvas, made again whenever its configuration
// changes (new data, the other language) and destroyed with the component.
import type { ChartConfiguration } from "chart.js";
import { useEffect, useRef } from "preact/hooks";

export function useChart(config: ChartConfiguration | null) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!config || !canvas.current) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import("./chart_setup").then(({ Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, config);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [config]);
  return canvas;
}
