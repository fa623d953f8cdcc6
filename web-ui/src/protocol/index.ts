export { PlanflowClient, type ClientOptions, type SocketLike, type Timers } from "./client";
export { ProtocolError } from "./error";
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from "./backoff";
export type * from "./types";
export { sendCommand, type CommandTarget } from "./send_command";
export { newRequestId } from "./request_id";
