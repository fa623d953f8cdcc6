// Chart.js with only what the implementation charts draw: lines on linear
// axes (the trajectory, dated by seconds, so no date adapter is needed)
// and bars on a category axis (the units). Loaded on demand, so pages
// without a chart do not carry it.
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
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, BarController, BarElement, CategoryScale, Tooltip, Legend);

export { Chart };
