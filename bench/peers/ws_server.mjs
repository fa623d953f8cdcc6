// The Node.js peer of planflow's server for planflow_server_bench: one
// process, the `ws` package, written as a Node.js developer would write it.
//
//   node bench/peers/ws_server.mjs --tokens FILE [--listen 127.0.0.1:0]
//
// FILE is JSON, {"TOKEN": {"user": 7, "unit": 1, "login": "dai.bieu.7"}, ...}:
// the sign-in sessions the bench made. A WebSocket upgrade to /ws needs the
// cookie `planflow_session=TOKEN` of one of them and an Origin of this
// server's own address, as planflow's does; the connection then keeps its
// session (user, unit, login) for as long as it is open.
//
// It speaks the part of planflow's protocol the bench sends:
//  - {"op":"command", ...}: answered with a reply of the shape planflow
//    gives ({"id","result":{"dossier","first_seq","last_seq","replayed",
//    "version"}}), and the event it stands for is sent to every connection
//    subscribed to the dossier. Nothing is decided, stored or made durable:
//    it is an echo with counters.
//  - {"op":"subscribe","dossier":D,"after":S}: the connection joins D's set.
// Anything else gets planflow's error reply. When it listens it prints
// "ws peer is serving http://ADDRESS:PORT/", which the bench waits for.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { WebSocketServer, WebSocket } from "ws";

function parseArgs(argv) {
  const args = { listen: "127.0.0.1:0", tokens: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--listen") args.listen = value();
    else if (flag === "--tokens") args.tokens = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (!args.tokens) throw new Error("--tokens FILE is required");
  return args;
}

const args = parseArgs(process.argv.slice(2));
const sessions = new Map(Object.entries(JSON.parse(readFileSync(args.tokens, "utf8"))));
const colon = args.listen.lastIndexOf(":");
const host = args.listen.slice(0, colon);
const port = Number(args.listen.slice(colon + 1));

function sessionToken(cookieHeader = "") {
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "planflow_session") return rest.join("=");
  }
  return "";
}

const followers = new Map(); // dossier id -> Set of WebSocket
const dossiers = new Map(); // dossier id -> { version, comments }
let lastSeq = 0;
let lastDossier = 0;

function refuse(socket, status, text) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function reply(ws, id, result) {
  ws.send(JSON.stringify({ id, result }));
}

function fail(ws, id, code, message) {
  ws.send(JSON.stringify({ id, error: { code, message } }));
}

function onCommand(ws, request) {
  const { user, unit } = ws.session;
  let id = request.dossier;
  if (!id) id = ++lastDossier;
  let dossier = dossiers.get(id);
  if (!dossier) dossiers.set(id, (dossier = { version: 0, comments: 0 }));
  dossier.version += 1;
  const seq = ++lastSeq;
  const body = request.command ?? {};
  reply(ws, request.id, {
    dossier: id,
    first_seq: seq,
    last_seq: seq,
    replayed: false,
    version: dossier.version,
  });
  const subscribers = followers.get(id);
  if (!subscribers || subscribers.size === 0) return;
  // Serialised once, sent to each subscriber: what the ws README's
  // broadcast example does, and what planflow does with its pushes.
  const event = JSON.stringify({
    dossier: id,
    dossier_seq: dossier.version,
    event: {
      actor: user,
      at: Math.floor(Date.now() / 1000),
      data: { comment_id: ++dossier.comments, reply_to: 0, text: body.text ?? "", unit },
      type: body.type ?? "",
    },
    seq,
    type: "event",
  });
  for (const client of subscribers) if (client.readyState === WebSocket.OPEN) client.send(event);
}

function onSubscribe(ws, request) {
  const id = request.dossier;
  if (!Number.isInteger(id) || id <= 0) return fail(ws, request.id, "bad_request", "\"dossier\" must be a dossier id");
  let set = followers.get(id);
  if (!set) followers.set(id, (set = new Set()));
  set.add(ws);
  ws.following.add(id);
  reply(ws, request.id, { dossier: id, last_seq: request.after ?? 0, missed: 0 });
}

function onMessage(ws, data, isBinary) {
  if (isBinary) return ws.close(1003, "planflow speaks JSON in text frames");
  let request;
  try {
    request = JSON.parse(data);
  } catch {
    return fail(ws, null, "bad_request", "the message is not JSON");
  }
  if (request.op === "command") return onCommand(ws, request);
  if (request.op === "subscribe") return onSubscribe(ws, request);
  fail(ws, request.id ?? null, "bad_request", `unknown operation "${request.op}"`);
}

const server = createServer((req, res) => {
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ noServer: true });

// Authentication at the upgrade, as the ws README shows it.
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
  ws.on("close", () => {
    for (const id of ws.following) followers.get(id)?.delete(ws);
  });
});

server.listen(port, host, () => {
  const { address, port: listening } = server.address();
  process.stdout.write(`ws peer is serving http://${address}:${listening}/\n`);
});
