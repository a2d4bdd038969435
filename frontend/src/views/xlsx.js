// The result as an Excel workbook, written in the browser by write-excel-file (loaded when asked for):
// one sheet, the columns of the CSV, numbers as numbers and booleans as booleans.

import writeExcelFile from "write-excel-file/browser";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMBER = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsigned\w+|gYear)$/;

function value(term) {
  if (!term) return null;
  if (term.type === "bnode") return { value: `_:${term.value}`, type: String };
  if (term.type === "literal" && term.datatype) {
    if (NUMBER.test(term.datatype) && Number.isFinite(Number(term.value))) return { value: Number(term.value), type: Number };
    if (term.datatype === XSD + "boolean") return { value: term.value === "true", type: Boolean };
  }
  return { value: term.value, type: String };
}

export async function workbook(model) {
  const header = model.vars.map((name) => ({ value: name, type: String, fontWeight: "bold" }));
  const rows = model.rows.map((row) => row.map(value));
  const blob = await writeExcelFile([header, ...rows], { sheet: "results", stickyRowsCount: 1 }).toBlob();
  return new Blob([blob], { type: XLSX_TYPE });
}
