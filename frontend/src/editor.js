// The SPARQL editor: CodeMirror 6 with the legacy SPARQL mode, completion of the project's
// prefixes and ontology terms, Ctrl/Cmd-Enter to run, and a marked line for syntax errors.
//
// The editor lives in a shadow root: CodeMirror then keeps its styles in constructed style
// sheets (adoptedStyleSheets) instead of <style> elements, which the app's Content-Security-
// Policy (style-src 'self', no inline styles) would block.

import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { autocompletion, completeFromList } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter } from "@codemirror/lint";

const KEYWORDS = [
  "SELECT", "DISTINCT", "REDUCED", "WHERE", "OPTIONAL", "FILTER", "BIND", "VALUES", "UNION", "MINUS",
  "GRAPH", "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE",
  "PREFIX", "COUNT", "SUM", "AVG", "MIN", "MAX", "SAMPLE", "GROUP_CONCAT", "EXISTS", "NOT EXISTS",
  "BOUND", "COALESCE", "IF", "STR", "LANG", "LANGMATCHES", "LCASE", "UCASE", "CONTAINS", "STRSTARTS",
  "REGEX", "YEAR", "DESC", "ASC", "AS", "a",
];

// Completion: after "prefix:" the terms of that vocabulary; otherwise prefixes and keywords.
function completionSource(getVocabulary) {
  return (context) => {
    const prefixed = context.matchBefore(/[A-Za-z][\w-]*:[\w-]*/);
    const { prefixes, terms } = getVocabulary();
    if (prefixed) {
      const prefix = prefixed.text.slice(0, prefixed.text.indexOf(":"));
      const options = terms
        .filter((term) => term.name.startsWith(prefix + ":"))
        .map((term) => ({
          label: term.name,
          type: term.kind === "class" ? "class" : term.kind === "property" ? "property" : "constant",
          detail: term.label || "",
          info: term.definition || term.iri,
          boost: prefix === "vdk" ? 1 : 0,
        }));
      return { from: prefixed.from, options, validFor: /^[A-Za-z][\w-]*:[\w-]*$/ };
    }
    const word = context.matchBefore(/[A-Za-z_]+/);
    if (!word && !context.explicit) return null;
    const declaration = context.matchBefore(/PREFIX\s+[A-Za-z]*$/i);
    if (declaration) {
      const start = declaration.text.search(/[A-Za-z]*$/);
      return {
        from: declaration.from + start,
        options: Object.entries(prefixes).map(([name, iri]) => ({
          label: `${name}: <${iri}>`, type: "namespace", detail: "PREFIX",
        })),
      };
    }
    const options = [
      ...Object.entries(prefixes).map(([name, iri]) => ({
        label: `${name}:`, type: "namespace", detail: iri, boost: name === "vdk" ? 2 : 1,
      })),
      ...KEYWORDS.map((k) => ({ label: k, type: "keyword" })),
    ];
    return completeFromList(options)(context);
  };
}

export function createEditor(textarea, { onRun, getVocabulary, stylesheet }) {
  const host = document.createElement("div");
  host.className = "editor-host";
  host.id = "editor";
  const shadow = host.attachShadow({ mode: "open" });
  if (stylesheet) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    shadow.appendChild(link);
  }
  textarea.hidden = true;
  textarea.after(host);

  const runKeys = Prec.highest(keymap.of([
    { key: "Mod-Enter", run: () => { onRun(); return true; } },
    { key: "Ctrl-Enter", run: () => { onRun(); return true; } },
  ]));
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        runKeys,
        basicSetup,
        StreamLanguage.define(sparql),
        autocompletion({ override: [completionSource(getVocabulary)], activateOnTyping: true }),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "SPARQL" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) textarea.value = update.state.doc.toString();
        }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      view.focus();
    },
    markError(line, column, message) { markError(view, line, column, message); },
    clearError: () => clearError(view),
    focus: () => view.focus(),
  };
}

function markError(view, line, column, message) {
  const doc = view.state.doc;
  const number = Math.min(Math.max(1, line || 1), doc.lines);
  const at = doc.line(number);
  const from = Math.min(at.from + Math.max(0, (column || 1) - 1), at.to);
  const to = from < at.to ? at.to : Math.min(from + 1, doc.length);
  view.dispatch(setDiagnostics(view.state, [{ from: Math.min(from, to), to, severity: "error", message }]));
  view.dispatch({ effects: EditorView.scrollIntoView(at.from, { y: "center" }) });
}

function clearError(view) {
  view.dispatch(setDiagnostics(view.state, []));
}
