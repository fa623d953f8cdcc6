import { statusLabel } from "../model/implementation_board";
import type { TaskStatus } from "../protocol";
import { useLang } from "./lang_context";

/** A task's status in words and colour; the words carry it, the colour only helps. */
export function StatusBadge(props: { status: TaskStatus }) {
  const { lang } = useLang();
  return <span class={`status status-${props.status}`}>{statusLabel(props.status, lang)}</span>;
}
