// The Node.js peer of planflow's server for planflow_server_bench: one
// process, the `ws` package, written as a Node.js developer would write it.
//
//   node bench/peers/ws_server.mjs --tokens FILE [--listen 127.0.0.1:0]
//
// FILE holds the sign-in sessions the bench made (ws_peer.mjs: the upgrade
// checks the cookie and the Origin, as planflow's does).
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
import { Followers, eventFrame, loadSessions, parseArgs, reply, serve } from "./ws_peer.mjs";

const args = parseArgs(process.argv.slice(2), {
  names: ["listen", "tokens"],
  defaults: { listen: "127.0.0.1:0" },
  required: ["tokens"],
});

const followers = new Followers();
const dossiers = new Map(); // dossier id -> { version, comments }
let lastSeq = 0;
let lastDossier = 0;

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
  // Serialised once, sent to each subscriber: what the ws README's
  // broadcast example does, and what planflow does with its pushes.
  followers.push(id, () =>
    eventFrame({
      dossier: id,
      dossierSeq: dossier.version,
      seq,
      actor: user,
      at: Math.floor(Date.now() / 1000),
      type: body.type ?? "",
      data: { comment_id: ++dossier.comments, reply_to: 0, text: body.text ?? "", unit },
    }),
  );
}

serve({
  listen: args.listen,
  sessions: loadSessions(args.tokens),
  followers,
  onCommand,
  banner: "ws peer is serving",
});
