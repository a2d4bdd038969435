// Colours of the insight charts: the columns of a flow diagram, and the series of the other charts.
// Dark enough on white for the thin bands and bars (the tables beside them carry the numbers in text).

export const COLUMN = { funder: "#0b6e4f", programme: "#8a6d00", recipient: "#1f5fa8", project: "#0e7c86" };
export const MUTED = "#8a94a6";
export const SERIES = ["#0b6e4f", "#1f5fa8", "#b35c00", "#7a4fb3", "#b83280", "#2c7a7b"];
