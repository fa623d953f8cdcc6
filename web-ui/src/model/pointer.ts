// Which form field a server error is about. The server names the field by
// a JSON pointer into the request ("/command/inputs/deadline",
// "/command/text"); forms key their fields by the input's name.

/**
 * "/command/inputs/deadline" → "deadline", "/command/text" → "text",
 * "/command/bindings/2/role" → "bindings"; "" when it is about the request
 * as a whole.
 */
export function fieldOfPointer(pointer: string | undefined): string {
  const prefix = "/command/";
  if (!pointer || !pointer.startsWith(prefix)) return "";
  const [first = "", second] = pointer.slice(prefix.length).split("/");
  if (first === "inputs" && second) return second;
  return first;
}
