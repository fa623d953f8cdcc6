// What the Node.js peers of planflow's server share (ws_server.mjs, the
// echo; durable_bpmn_server.mjs, bpmn-engine saving to SQLite): the command
// line, the sign-in sessions the bench gives them, the WebSocket upgrade
// with its cookie and Origin check, and the part of planflow's protocol the
// bench sends — frames parsed and routed, replies and errors of planflow's
// shape, subscriptions and pushed events.
//
// A WebSocket upgrade to /ws needs the cookie `planflow_session=TOKEN` of
// one of the sessions and an Origin of the server's own address, as
// planflow's does; the connection then keeps its session (user, unit,
// login) for as long as it is open.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { WebSocketServer, WebSocket } from "ws";

// --name VALUE or --name=VALUE for each of `names` (camelCased into the
// result), starting from `defaults`; `required` must be given.
export function parseArgs(argv, { names, defaults = {}, required = [] }) {
  const args = { ...defaults };
  const key = (flag) => flag.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!names.includes(flag.slice(2)) || !flag.startsWith("--")) throw new Error(`unknown option ${flag}`);
    args[key(flag)] = inline ?? argv[++i];
    if (args[key(flag)] === undefined) throw new Error(`${flag} needs a value`);
  }
  for (const name of required) if (args[key(`--${name}`)] == null) throw new Error(`--${name} is required`);
  return args;
}

// FILE is JSON, {"TOKEN": {"user": 7, "unit": 1, "login": "dai.bieu.7"}, ...}.
export function loadSessions(file) {
  return new Map(Object.entries(JSON.parse(readFileSync(file, "utf8"))));
}

function sessionToken(cookieHeader = "") {
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "planflow_session") return rest.join("=");
  }
  return "";
}

export function reply(ws, id, result) {
  ws.send(JSON.stringify({ id, result }));
}

export function fail(ws, id, code, message) {
  ws.send(JSON.stringify({ id, error: { code, message } }));
}

// The event a command made, in planflow's push shape, serialised once for
// every subscriber.
export function eventFrame({ dossier, dossierSeq, seq, actor, at, type, data }) {
  return JSON.stringify({ dossier, dossier_seq: dossierSeq, event: { actor, at, data, type }, seq, type: "event" });
}

// Who follows which dossier: {"op":"subscribe","dossier":D,"after":S}
// joins D's set; an event is written to each connection in it.
export class Followers {
  constructor() {
    this.byDossier = new Map(); // dossier id -> Set of WebSocket
  }

  subscribe(ws, request) {
    const id = request.dossier;
    if (!Number.isInteger(id) || id <= 0) return fail(ws, request.id, "bad_request", "\"dossier\" must be a dossier id");
    let set = this.byDossier.get(id);
    if (!set) this.byDossier.set(id, (set = new Set()));
    set.add(ws);
    ws.following.add(id);
    reply(ws, request.id, { dossier: id, last_seq: request.after ?? 0, missed: 0 });
  }

  any(dossier) {
    return (this.byDossier.get(dossier)?.size ?? 0) > 0;
  }

  // `frame` is made only when someone follows the dossier.
  push(dossier, frame) {
    const subscribers = this.byDossier.get(dossier);
    if (!subscribers || subscribers.size === 0) return;
    const text = frame();
    for (const client of subscribers) if (client.readyState === WebSocket.OPEN) client.send(text);
  }

  forget(ws) {
    for (const id of ws.following) this.byDossier.get(id)?.delete(ws);
  }
}

function refuse(socket, status, text) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

// An HTTP server on `listen` ("HOST:PORT") whose /ws upgrade is
// authenticated as the ws README shows it, handing each command frame to
// `onCommand(ws, request)`. `onHttp(req, res)` answers plain requests (404
// when it returns false). Prints "BANNER http://ADDRESS:PORT/" once it
// listens, which the bench waits for.
export function serve({ listen, sessions, followers, onCommand, onHttp = () => false, banner }) {
  const colon = listen.lastIndexOf(":");
  const host = listen.slice(0, colon);
  const port = Number(listen.slice(colon + 1));

  function onMessage(ws, data, isBinary) {
    if (isBinary) return ws.close(1003, "planflow speaks JSON in text frames");
    let request;
    try {
      request = JSON.parse(data);
    } catch {
      return fail(ws, null, "bad_request", "the message is not JSON");
    }
    if (request.op === "command") return onCommand(ws, request);
    if (request.op === "subscribe") return followers.subscribe(ws, request);
    fail(ws, request.id ?? null, "bad_request", `unknown operation "${request.op}"`);
  }

  const server = createServer((req, res) => {
    if (!onHttp(req, res)) res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const { port: listening } = server.address();
    const origins = [`http://${host}:${listening}`, `http://localhost:${listening}`];
    if (req.url !== "/ws") return refuse(socket, 404, "Not Found");
    if (!origins.includes(req.headers.origin)) return refuse(socket, 403, "Forbidden");
    const session = sessions.get(sessionToken(req.headers.cookie));
    if (!session) return refuse(socket, 401, "Unauthorized");
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.session = session;
      ws.following = new Set();
      wss.emit("connection", ws, req);
    });
  });

  wss.on("connection", (ws) => {
    ws.on("error", () => {});
    ws.on("message", (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on("close", () => followers.forget(ws));
  });

  server.listen(port, host, () => {
    const { address, port: listening } = server.address();
    process.stdout.write(`${banner} http://${address}:${listening}/\n`);
  });
  return { server, wss };
}
