// Chart.js with the Sankey plugin (chartjs-chart-sankey) registered: loaded only by the money-flows page.

import { Chart } from "../views/chartlib.js";
import { Flow, SankeyController } from "chartjs-chart-sankey";

Chart.register(SankeyController, Flow);

export { Chart };
