import { useEffect, useRef } from "preact/hooks";
import { useLang } from "./lang_context";

/**
 * Asks before something that cannot be undone. A native modal <dialog>:
 * focus moves into it and stays there, Escape cancels, and screen readers
 * announce it as a dialog.
 */
export function ConfirmDialog(props: { open: boolean; message: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useLang();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" aria-describedby="confirm-text" onCancel={props.onCancel}>
      <h2 id="confirm-title">{t("confirmTitle")}</h2>
      <p id="confirm-text">{props.message}</p>
      <div class="buttons">
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
        <button type="button" onClick={props.onConfirm}>
          {t("confirmYes")}
        </button>
      </div>
    </dialog>
  );
}
