// Rendering a component in a vitest jsdom test, as the app would: inside
// the language and session providers, on a client over a fake socket.
import { render, type ComponentChildren } from "preact";
import { act } from "preact/test-utils";
import { saveLang, type Lang } from "../i18n";
import { fakeClient } from "../protocol/fake_socket";
import type { User } from "./http";
import { LangProvider } from "./lang_context";
import { SessionProvider } from "./session_context";

export const TEST_USER: User = { id: 7, login: "thuchien.th", name: "Ngô Văn Tài", unit: 3, admin: false };

/** Mounts `children` on a fresh, open connection; returns the page and the socket to answer on. */
export async function renderSignedIn(children: ComponentChildren, lang: Lang = "vi") {
  saveLang(lang);
  const fake = fakeClient();
  fake.client.connect();
  fake.current().open();
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  await act(() => {
    render(
      <LangProvider>
        <SessionProvider client={fake.client} user={TEST_USER}>
          {children}
        </SessionProvider>
      </LangProvider>,
      root,
    );
  });
  return { root, socket: fake.current, unmount: () => render(null, root) };
}

/** Lets replies and the renders they cause run. */
export const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
