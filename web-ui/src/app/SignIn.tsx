import { useState } from "preact/hooks";
import { HttpError, login, type User } from "./http";
import { useLang } from "./lang_context";

export function SignIn(props: { onSignedIn: (user: User) => void; notice?: string }) {
  const { t } = useLang();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      props.onSignedIn(await login({ login: name, password }));
    } catch (e) {
      if (e instanceof HttpError) setError(e.message || t("unexpectedError", { status: e.status }));
      else setError(t("networkError"));
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>{t("signInTitle")}</h1>
      <p class="intro">{t("signInIntro")}</p>
      {props.notice && <p class="notice">{props.notice}</p>}
      <form onSubmit={submit} noValidate>
        <label for="login">{t("loginLabel")}</label>
        <input
          id="login"
          name="login"
          autocomplete="username"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "sign-in-error" : undefined}
        />
        <label for="password">{t("passwordLabel")}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "sign-in-error" : undefined}
        />
        {error && (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("signingIn") : t("signInButton")}
        </button>
      </form>
    </main>
  );
}
