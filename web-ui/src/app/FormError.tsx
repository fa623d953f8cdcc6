import type { CommandError } from "./use_command";

/**
 * A server error shown where it belongs: by the field it names, or under
 * the form when it is about the request as a whole. role="alert" makes
 * screen readers say it as it appears.
 */
export function FormError(props: { error: CommandError | null; field?: string; id?: string }) {
  const { error } = props;
  const field = props.field ?? "";
  if (!error) return null;
  // An error about a field this form does not have still has to be seen.
  if (field === "" ? false : error.field !== field) return null;
  return (
    <p class="error" role="alert" id={props.id}>
      {error.message}
    </p>
  );
}

/** The message for the form as a whole: errors naming none of `fields`. */
export function FormLevelError(props: { error: CommandError | null; fields: readonly string[] }) {
  const { error } = props;
  if (!error || props.fields.includes(error.field)) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
