// Sending a command from a form: busy while it is out, and the server's
// error kept for the form to show by the field it names.
import { useCallback, useRef, useState } from "preact/hooks";
import { fieldOfPointer } from "../model/pointer";
import { sendCommand, type CommandBody, type CommandTarget, type PlanflowClient } from "../protocol";

export interface CommandError {
  message: string;
  code: string;
  /** The form field the error is about ("" for the form as a whole). */
  field: string;
}

export function useCommand(client: PlanflowClient) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async (target: CommandTarget, command: CommandBody) => {
      // A double click must not send the same form twice under two ids.
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        return await sendCommand(client, target, command);
      } catch (e) {
        const err = e as { message?: string; code?: string; pointer?: string };
        setError({ message: err.message ?? String(e), code: err.code ?? "", field: fieldOfPointer(err.pointer) });
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [client],
  );

  return { run, busy, error, clearError: () => setError(null) };
}
