// Chart.js, with only the parts the result views draw (loaded when a chart or timeline is first shown).

import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, Colors, Legend, LinearScale, LineController,
  LineElement, PieController, PointElement, ScatterController, Title, Tooltip,
} from "chart.js";

Chart.register(ArcElement, BarController, BarElement, CategoryScale, Colors, Legend, LinearScale, LineController,
  LineElement, PieController, PointElement, ScatterController, Title, Tooltip);

export { Chart };
