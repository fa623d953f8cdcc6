import { LocationProvider, Route, Router, useLocation } from "preact-iso";
import { useEffect, useMemo, useState } from "preact/hooks";
import { loadLang, type Lang } from "../i18n";
import { PlanflowClient, type ConnectionState } from "../protocol";
import { ConclusionNoticePage } from "./ConclusionNoticePage";
import { ConnectionIndicator } from "./ConnectionIndicator";
import { DispositionTablePage } from "./DispositionTablePage";
import { DossierList } from "./DossierList";
import { DossierPage } from "./DossierPage";
import { Inbox } from "./Inbox";
import { ImplementationOverviewPage } from "./ImplementationOverviewPage";
import { IssuedDocumentPage } from "./IssuedDocumentPage";
import { logout, me, sessionEnded, type User } from "./http";
import { LangProvider, useLang } from "./lang_context";
import { LanguageToggle } from "./LanguageToggle";
import { MeetingPage } from "./MeetingPage";
import { MinutesPage } from "./MinutesPage";
import { NewDossier } from "./NewDossier";
import { ProgressReportPage } from "./ProgressReportPage";
import { SearchBox } from "./SearchBox";
import { SearchPage } from "./SearchPage";
import { SessionProvider } from "./session_context";
import { SignIn } from "./SignIn";

function socketUrl(): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  // Read at each connect, so a reconnect after a language switch keeps it.
  return `${scheme}://${location.host}/ws?lang=${loadLang()}`;
}

function Header(props: { user: User | null; state: ConnectionState | null; onSignOut: () => void }) {
  const { t } = useLang();
  return (
    <header class="top">
      <span class="brand">{t("appName")}</span>
      {props.state && <ConnectionIndicator state={props.state} />}
      <span class="spacer" />
      {props.user && <SearchBox />}
      {props.user && <span class="who">{t("signedInAs", { name: props.user.name })}</span>}
      {props.user && <Nav />}
      <LanguageToggle />
      {props.user && (
        <button type="button" class="secondary" onClick={props.onSignOut}>
          {t("signOut")}
        </button>
      )}
    </header>
  );
}

function Nav() {
  const { t } = useLang();
  const { path } = useLocation();
  const links: [string, string][] = [
    ["/", t("navInbox")],
    ["/dossiers", t("navDossiers")],
    ["/dossiers/new", t("navNewDossier")],
    ["/implementation", t("navImplementation")],
  ];
  return (
    <nav aria-label={t("navLabel")} class="nav">
      {links.map(([href, label]) => (
        <a key={href} href={href} aria-current={path === href ? "page" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function NotFound() {
  const { t } = useLang();
  return (
    <section>
      <h1>{t("notFoundTitle")}</h1>
      <a href="/">{t("backToInbox")}</a>
    </section>
  );
}

/** After a route change, focus goes to the new page, so screen readers start there. */
function focusMain() {
  document.getElementById("main")?.focus();
}

const SESSION_CHECK_MS = 10_000;

function Shell(props: { client: PlanflowClient }) {
  const { t } = useLang();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [state, setState] = useState<ConnectionState>(props.client.connectionState);
  const [notice, setNotice] = useState("");
  const { client } = props;

  useEffect(() => {
    me().then(setUser, () => setUser(null));
  }, []);

  useEffect(() => {
    const off = client.onState((next) => {
      setState(next);
      // The server ended the session (sign-out elsewhere, expiry): back to sign-in.
      if (next === "closed" && client.closeInfo) {
        setUser(null);
        setNotice(t("connectionClosed"));
      }

    });
    return off;
  }, [client, t]);

  // While reconnecting, ask now and then whether the session still holds: a
  // server that refuses the reconnect for an ended session would otherwise
  // be retried for ever.
  useEffect(() => {
    if (state !== "reconnecting") return;
    const check = () =>
      void sessionEnded().then((ended) => {
        if (!ended) return;
        client.close();
        setUser(null);
        setNotice(t("connectionClosed"));
      });
    check();
    const timer = setInterval(check, SESSION_CHECK_MS);
    return () => clearInterval(timer);
  }, [client, state, t]);

  useEffect(() => {
    if (!user) return;
    client.connect();
    return () => client.close();
  }, [client, user]);

  async function signOut() {
    client.close();
    await logout().catch(() => undefined);
    setNotice("");
    setUser(null);
  }

  return (
    <>
      <a class="skip" href="#main">
        {t("skipToContent")}
      </a>
      <Header user={user ?? null} state={user ? state : null} onSignOut={signOut} />
      {user === undefined && (
        <main id="main">
          <p aria-busy="true">{t("loading")}</p>
        </main>
      )}
      {user === null && (
        <SignIn
          {...(notice ? { notice } : {})}
          onSignedIn={(u) => {
            setNotice("");
            setUser(u);
          }}
        />
      )}
      {user && (
        <SessionProvider client={client} user={user}>
          <main id="main" tabIndex={-1}>
            <Router onRouteChange={focusMain}>
              <Route path="/" component={Inbox} />
              <Route path="/dossiers" component={DossierList} />
              <Route path="/dossiers/new" component={NewDossier} />
              <Route path="/dossiers/:id" component={DossierPage} />
              <Route path="/dossiers/:id/dispositions" component={DispositionTablePage} />
              <Route path="/dossiers/:id/document" component={IssuedDocumentPage} />
              <Route path="/dossiers/:id/progress-report" component={ProgressReportPage} />
              <Route path="/dossiers/:id/meeting" component={MeetingPage} />
              <Route path="/dossiers/:id/meetings/:number/minutes" component={MinutesPage} />
              <Route path="/dossiers/:id/notices/:year/:number" component={ConclusionNoticePage} />
              <Route path="/search" component={SearchPage} />
              <Route path="/implementation" component={ImplementationOverviewPage} />
              <Route default component={NotFound} />
            </Router>
          </main>
        </SessionProvider>
      )}
    </>
  );
}

export function App() {
  const client = useMemo(() => new PlanflowClient({ url: socketUrl }), []);
  // The open socket switches too, so server messages follow the toggle at once.
  const onLangChange = (lang: Lang) => {
    if (client.connectionState === "open") client.request("language", { lang }).catch(() => undefined);
  };
  return (
    <LocationProvider>
      <LangProvider onChange={onLangChange}>
        <Shell client={client} />
      </LangProvider>
    </LocationProvider>
  );
}
