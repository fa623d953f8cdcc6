// The card the address names (#task-3), brought into view once the board
// shows it: the inbox's follow-ups and the overview link there, and the
// card exists only after the dossier has loaded (and while the "my unit's
// tasks" filter shows it). Each address is served once, so live updates of
// the board do not keep pulling the reader back.
import { useEffect, useRef } from "preact/hooks";
import { taskAnchor, taskOfHash } from "../model/task_link";

export function useTaskAnchor(): number | null {
  const served = useRef("");
  const id = taskOfHash(location.hash);
  useEffect(() => {
    const address = location.pathname + location.hash;
    if (id === null || served.current === address) return;
    const card = document.getElementById(taskAnchor(id));
    if (!card) return;
    served.current = address;
    card.scrollIntoView({ block: "start" });
    // Focus too, so a screen reader and the keyboard start from the card.
    card.focus({ preventScroll: true });
  });
  return id;
}
