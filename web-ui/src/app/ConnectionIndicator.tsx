import type { ConnectionState } from "../protocol";
import { useLang } from "./lang_context";

/** Unobtrusive: says nothing while the connection is fine. */
export function ConnectionIndicator(props: { state: ConnectionState }) {
  const { t } = useLang();
  const text =
    props.state === "reconnecting"
      ? t("connectionReconnecting")
      : props.state === "connecting"
        ? t("connectionConnecting")
        : "";
  return (
    <span class={`connection connection-${props.state}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}
