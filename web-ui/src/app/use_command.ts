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
  /** The server's whole pointer ("/command/inputs/directives/1/text"), for a form with rows. */
  pointer: string;
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
        setError({ message: err.message ?? String(e), code: err.code ?? "", field: fieldOfPointer(err.pointer), pointer: err.pointer ?? "" });
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [client],
  );

  // A form's own check, shown the way a server refusal is.
  const fail = useCallback((message: string, pointer: string) => {
    setError({ message, code: "bad_request", field: fieldOfPointer(pointer), pointer });
  }, []);

  return { run, busy, error, fail, clearError: () => setError(null) };
}
