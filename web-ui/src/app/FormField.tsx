// A labelled input or text area with its hint and the error about it, for
// the implementation forms; the error is tied to the field for screen readers.
import { FormError } from "./FormError";
import type { CommandError } from "./use_command";

interface FieldProps {
  id: string;
  label: string;
  /** The key errors about this field carry. */
  field: string;
  error: CommandError | null;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
}

function describedBy(props: FieldProps, invalid: boolean): string | undefined {
  const ids = [props.hint ? `${props.id}-hint` : "", invalid ? `${props.id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function InputField(props: FieldProps & { type?: "text" | "date"; inputMode?: "decimal" | "numeric"; required?: boolean }) {
  const invalid = props.error?.field === props.field;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        value={props.value}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(props, invalid)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <FormError error={props.error} field={props.field} id={`${props.id}-error`} />
    </div>
  );
}

export function TextAreaField(props: FieldProps) {
  const invalid = props.error?.field === props.field;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={3}
        value={props.value}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(props, invalid)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FormError error={props.error} field={props.field} id={`${props.id}-error`} />
    </div>
  );
}
