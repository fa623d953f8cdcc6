import { useMemo, useState } from "preact/hooks";
import { formatNumber } from "../i18n";
import { blockText, type Block } from "../model/document";
import { redline, redlineCounts, type RedlineRow, type WordChange } from "../model/redline";
import { BlockView } from "./DraftView";
import { useLang } from "./lang_context";

type Layout = "inline" | "side";

/** The changes from one version to another, inline or side by side. */
export function RedlineView(props: { before: readonly Block[]; after: readonly Block[]; beforeLabel: string; afterLabel: string }) {
  const { t, lang } = useLang();
  const [layout, setLayout] = useState<Layout>("inline");
  const rows = useMemo(() => redline(props.before, props.after), [props.before, props.after]);
  const counts = redlineCounts(rows);
  return (
    <div class="redline">
      <div class="section-head">
        <p class="meta" role="status">
          {t("redlineSummary", {
            changed: formatNumber(counts.changed, lang),
            added: formatNumber(counts.added, lang),
            removed: formatNumber(counts.removed, lang),
          })}
        </p>
        <div class="toggle" role="group" aria-label={t("redlineLayout")}>
          {(["inline", "side"] as const).map((l) => (
            <button key={l} type="button" aria-pressed={layout === l} onClick={() => setLayout(l)}>
              {l === "inline" ? t("redlineInline") : t("redlineSideBySide")}
            </button>
          ))}
        </div>
      </div>
      <p class="legend meta">
        <ins>{t("redlineAddedLegend")}</ins> <del>{t("redlineRemovedLegend")}</del>
      </p>
      {layout === "inline" ? (
        <article class="document">
          {rows.map((r, i) => (
            <InlineRow key={i} row={r} />
          ))}
        </article>
      ) : (
        <table class="side-by-side">
          <thead>
            <tr>
              <th scope="col">{props.beforeLabel}</th>
              <th scope="col">{props.afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <SideRow key={i} row={r} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Words(props: { words: WordChange[]; show: "both" | "before" | "after" }) {
  return (
    <>
      {props.words.map((w, i) => {
        if (w.change === "added") return props.show === "before" ? null : <ins key={i}>{w.text}</ins>;
        if (w.change === "removed") return props.show === "after" ? null : <del key={i}>{w.text}</del>;
        return <span key={i}>{w.text}</span>;
      })}
    </>
  );
}

function InlineRow({ row }: { row: RedlineRow }) {
  switch (row.change) {
    case "same":
      return <BlockView block={row.after} />;
    case "added":
      return (
        <ins class="block-change">
          <BlockView block={row.after} />
        </ins>
      );
    case "removed":
      return (
        <del class="block-change">
          <BlockView block={row.before} />
        </del>
      );
    default:
      return (
        <p class="doc-p changed">
          <Words words={row.words} show="both" />
        </p>
      );
  }
}

function SideRow({ row }: { row: RedlineRow }) {
  const cell = (block: Block | undefined, words: WordChange[] | undefined, show: "before" | "after") => (
    <td class={row.change}>
      {words ? (
        <Words words={words} show={show} />
      ) : block ? (
        show === "before" && row.change === "removed" ? (
          <del>{blockText(block)}</del>
        ) : show === "after" && row.change === "added" ? (
          <ins>{blockText(block)}</ins>
        ) : (
          blockText(block)
        )
      ) : null}
    </td>
  );
  const words = row.change === "changed" ? row.words : undefined;
  return (
    <tr>
      {cell("before" in row ? row.before : undefined, words, "before")}
      {cell("after" in row ? row.after : undefined, words, "after")}
    </tr>
  );
}
