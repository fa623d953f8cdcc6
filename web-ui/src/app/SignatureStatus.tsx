import { formatDateTime } from "../i18n";
import type { SignatureInfo } from "../protocol/types";
import { useLang } from "./lang_context";
import type { NameLookup } from "./session_context";

/**
 * The issued document's digital signature as the server checked it: valid
 * with signer and key fingerprint, a clear warning when it does not hold,
 * or "awaiting" between the number and the signature.
 */
export function SignatureStatus(props: { signature: SignatureInfo | null; names: NameLookup }) {
  const { t, lang } = useLang();
  const s = props.signature;
  if (!s) return null;
  if (s.status === "awaiting")
    return (
      <div class="signature-status awaiting" role="status">
        <p class="strong">{t("sigAwaiting")}</p>
        <p class="meta">{t("sigAwaitingWhy")}</p>
      </div>
    );
  if (s.valid)
    return (
      <div class="signature-status valid" role="status">
        <p class="strong">✓ {t("sigValid")}</p>
        <p class="meta">
          {t("sigValidBy", {
            signer: props.names.user(s.signer),
            time: formatDateTime(s.signed_at, lang),
            algorithm: s.algorithm,
            fingerprint: s.fingerprint ?? "",
          })}
        </p>
        <p class="meta digest">{t("sigDigest", { digest: s.digest })}</p>
      </div>
    );
  return (
    <div class="signature-status invalid" role="alert">
      <p class="strong">⚠ {t("sigInvalid")}</p>
      <p>{t("sigInvalidWhy", { problem: s.problem ?? "" })}</p>
    </div>
  );
}
