// useCommand for the implementation forms: a problem found before sending
// shows as the server's refusal would, and each error is keyed by the
// field the form gives it (`fieldOf`), rows and nested fields included.
import { useMemo } from "preact/hooks";
import { translate, type Lang } from "../i18n";
import type { Built } from "../model/implementation_form";
import type { CommandTarget, PlanflowClient } from "../protocol";
import { useCommand } from "./use_command";

export function useFormCommand(client: PlanflowClient, fieldOf: (pointer: string) => string) {
  const { run, busy, error, fail, clearError } = useCommand(client);
  const keyed = useMemo(() => (error ? { ...error, field: fieldOf(error.pointer) } : null), [error, fieldOf]);

  /** Sends what the form built, or shows why it was not sent; true once the server took it. */
  async function send(target: CommandTarget, built: Built, lang: Lang): Promise<boolean> {
    if ("problem" in built) {
      const { key, label, pointer } = built.problem;
      fail(translate(lang, key, label ? { label: translate(lang, label) } : undefined), pointer);
      return false;
    }
    return (await run(target, built.command)) !== null;
  }

  return { send, busy, error: keyed, clearError };
}

/** "/command/as_of" → "as_of": the top-level field of a flat command. */
export function commandFieldOf(pointer: string): string {
  const prefix = "/command/";
  return pointer.startsWith(prefix) ? (pointer.slice(prefix.length).split("/")[0] ?? "") : "";
}
