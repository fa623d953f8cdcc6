// What every signed-in page needs: the connection, who I am, and the
// catalog (workflows, units, people) that turns ids into names. The catalog
// is loaded once per connection and again after every reconnect, since an
// administrator may have added people meanwhile.
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { translate, type Lang } from "../i18n";
import type { Directory, PlanflowClient, WorkflowInfo } from "../protocol";
import type { User } from "./http";

export interface Catalog {
  workflows: WorkflowInfo[];
  directory: Directory;
}

export interface SessionValue {
  client: PlanflowClient;
  user: User;
  catalog: Catalog | null;
  catalogError: string;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider(props: { client: PlanflowClient; user: User; children: ComponentChildren }) {
  const { client, user } = props;
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState("");

  const load = useCallback(() => {
    Promise.all([client.request("workflows", {}), client.request("directory", {})]).then(
      ([w, directory]) => {
        setCatalog({ workflows: w.workflows, directory });
        setCatalogError("");
      },
      (e: Error & { code?: string }) => {
        if (e.code !== "disconnected") setCatalogError(e.message);
      },
    );
  }, [client]);

  useEffect(() => {
    if (client.connectionState === "open") load();
    return client.onState((state) => {
      if (state === "open") load();
    });
  }, [client, load]);

  const value = useMemo(() => ({ client, user, catalog, catalogError }), [client, user, catalog, catalogError]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** Names for ids, falling back to "User 7" while the catalog loads or for someone unknown. */
export function namesOf(catalog: Catalog | null, lang: Lang) {
  const users = new Map(catalog?.directory.users.map((u) => [u.id, u]) ?? []);
  const units = new Map(catalog?.directory.units.map((u) => [u.id, u]) ?? []);
  return {
    user: (id: number) =>
      id === 0 ? translate(lang, "systemActor") : (users.get(id)?.name ?? translate(lang, "unknownUser", { id })),
    unit: (id: number) => units.get(id)?.name ?? String(id),
    unitCode: (id: number) => units.get(id)?.code ?? String(id),
    userUnit: (id: number) => users.get(id)?.unit ?? 0,
  };
}

export type NameLookup = ReturnType<typeof namesOf>;
