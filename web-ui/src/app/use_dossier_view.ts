// What every page about one dossier reads: the dossier live, its history
// folded (versions, comments, conclusions, issue), and names for its ids.
import { useMemo } from "preact/hooks";
import { foldHistory } from "../model/history";
import { useLang } from "./lang_context";
import { namesOf, useSession } from "./session_context";
import { useDossier } from "./use_dossier";

export function useDossierView(idParam: string) {
  const { lang } = useLang();
  const { client, catalog } = useSession();
  const id = Number(idParam);
  const { detail, error } = useDossier(client, id);
  const names = useMemo(() => namesOf(catalog, lang), [catalog, lang]);
  const folded = useMemo(() => (detail ? foldHistory(detail.history) : null), [detail]);
  return { id, client, catalog, detail, error, names, folded };
}
