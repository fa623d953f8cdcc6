import type { ErrorBody } from "./types";

/** A request's failure as the server stated it, so the UI can show its words. */
export class ProtocolError extends Error implements ErrorBody {
  readonly code: string;
  readonly pointer?: string;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = "ProtocolError";
    this.code = body.code;
    if (body.pointer !== undefined) this.pointer = body.pointer;
  }
}
