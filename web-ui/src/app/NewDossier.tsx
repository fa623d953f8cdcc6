import { useLocation } from "preact-iso";
import { useEffect, useMemo, useState } from "preact/hooks";
import { pick, translate } from "../i18n";
import { citation, correctionStart, type CitedDocument } from "../model/correction";
import { createCommand, formProblems, type NewDossierForm } from "../model/new_dossier";
import { FormError, FormLevelError } from "./FormError";
import { RolePicker, UnitSelect } from "./RolePicker";
import { useLang } from "./lang_context";
import { useSession } from "./session_context";
import { useCommand } from "./use_command";

const FIELDS = ["title", "document_type", "issuer", "drafting_unit", "bindings"] as const;

export function NewDossier() {
  const { t, lang } = useLang();
  const { client, user, catalog, catalogError } = useSession();
  const { route, query } = useLocation();
  const { run, busy, error } = useCommand(client);
  const [form, setForm] = useState<NewDossierForm | null>(null);
  const [checked, setChecked] = useState(false);
  // "?corrects=7": a correction of the issued document of dossier 7.
  const corrects = Number(query.corrects ?? 0) || 0;
  const [cited, setCited] = useState<(CitedDocument & { issuer: number }) | null>(null);
  const [citedError, setCitedError] = useState("");

  useEffect(() => {
    if (!corrects || !catalog) return;
    client.request("dossier", { dossier: corrects }).then(
      (d) => {
        if (!d.issued || !d.dossier.symbol) return setCitedError(t("correctionNotIssued", { id: corrects }));
        const issuerName = catalog.directory.units.find((u) => u.id === d.issuer.id)?.name ?? "";
        setCited({
          documentType: d.dossier.document_type,
          symbol: d.dossier.symbol,
          issuedAt: d.issued.at,
          issuerName,
          issuer: d.issuer.id,
        });
      },
      (e: Error) => setCitedError(e.message),
    );
  }, [client, corrects, catalog]);

  // Defaults once the catalog is in: the first workflow, my unit drafting,
  // the People's Committee (or the first unit) issuing, me as drafter; a
  // correction starts from the document it corrects.
  useEffect(() => {
    if (!catalog || form || (corrects && !cited && !citedError)) return;
    const wf = catalog.workflows.find((w) => w.id === "plan") ?? catalog.workflows[0];
    const issuer = catalog.directory.units.find((u) => u.code === "UBND") ?? catalog.directory.units[0];
    const mine = wf?.participant_managers[0];
    const start = cited ? correctionStart(cited, wf?.document_types ?? []) : null;
    setForm({
      title: start?.title ?? "",
      workflow: wf?.id ?? "",
      documentType: start?.documentType ?? wf?.document_types[0] ?? "",
      draftingUnit: user.unit,
      issuer: cited?.issuer ?? issuer?.id ?? 0,
      participants: mine ? { [mine]: [user.id] } : {},
      ...(cited ? { corrects } : {}),
    });
  }, [catalog, form, user, corrects, cited, citedError]);

  const workflow = catalog?.workflows.find((w) => w.id === form?.workflow);
  const problems = useMemo(
    () => (form ? formProblems(form, workflow, user.id) : []),
    [form, workflow, user.id],
  );
  const users = useMemo(
    () => (catalog?.directory.users ?? []).filter((u) => !u.disabled),
    [catalog],
  );
  const unitName = (id: number) => catalog?.directory.units.find((u) => u.id === id)?.name ?? "";

  if (catalogError)
    return (
      <p class="error" role="alert">
        {catalogError}
      </p>
    );
  if (!catalog || !form) return <p aria-busy="true">{t("loading")}</p>;

  const problemFor = (field: string) => (checked ? problems.find((p) => p.field === field) : undefined);
  const problemText = (field: string) => {
    const p = problemFor(field);
    if (!p) return "";
    const role = pick(workflow?.roles.find((r) => r.id === p.role)?.title, lang);
    return translate(lang, p.key, { role });
  };

  function toggle(role: string, id: number, on: boolean) {
    const current = form!.participants[role] ?? [];
    const next = on ? [...current.filter((u) => u !== id), id] : current.filter((u) => u !== id);
    setForm({ ...form!, participants: { ...form!.participants, [role]: next } });
  }

  async function submit(e: Event) {
    e.preventDefault();
    setChecked(true);
    if (problems.length) {
      document.getElementById(`field-${problems[0]!.field}`)?.focus();
      return;
    }
    const result = await run({ dossier: 0, workflow: form!.workflow }, createCommand(form!, catalog!.directory));
    if (result) route(`/dossiers/${result.dossier}`);
  }

  const titleProblem = problemText("title");
  return (
    <section aria-labelledby="new-title" class="new-dossier">
      <h1 id="new-title">{form.corrects ? t("correctionNewTitle") : t("newDossierTitle")}</h1>
      {cited && form.corrects && (
        <p class="notice correction-of">{t("correctionOf", { citation: citation(cited) })}</p>
      )}
      {citedError && (
        <p class="error" role="alert">
          {citedError}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label for="field-title">{t("fieldTitle")}</label>
        <input
          id="field-title"
          value={form.title}
          maxLength={300}
          aria-invalid={titleProblem || error?.field === "title" ? "true" : undefined}
          aria-describedby="title-error"
          onInput={(e) => setForm({ ...form, title: e.currentTarget.value })}
        />
        {titleProblem && (
          <p class="error" role="alert" id="title-error">
            {titleProblem}
          </p>
        )}
        <FormError error={error} field="title" id="title-error" />

        <div class="row">
          <label>
            {t("fieldWorkflow")}
            <select
              value={form.workflow}
              onChange={(e) => {
                const wf = catalog.workflows.find((w) => w.id === e.currentTarget.value);
                setForm({ ...form, workflow: e.currentTarget.value, documentType: wf?.document_types[0] ?? "" });
              }}
            >
              {catalog.workflows.map((w) => (
                <option key={w.id} value={w.id}>
                  {pick(w.title, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("fieldDocumentType")}
            <select value={form.documentType} onChange={(e) => setForm({ ...form, documentType: e.currentTarget.value })}>
              {workflow?.document_types.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FormError error={error} field="document_type" />
        <div class="row">
          <UnitSelect
            label={t("fieldDraftingUnit")}
            units={catalog.directory.units}
            value={form.draftingUnit}
            onChange={(id) => setForm({ ...form, draftingUnit: id })}
          />
          <UnitSelect
            label={t("fieldIssuer")}
            units={catalog.directory.units}
            value={form.issuer}
            onChange={(id) => setForm({ ...form, issuer: id })}
          />
        </div>
        <FormError error={error} field="drafting_unit" />
        <FormError error={error} field="issuer" />

        <h2>{t("fieldParticipants")}</h2>
        <div class="roles">
          {workflow?.roles.map((role) => (
            <RolePicker
              key={`${workflow.id}-${role.id}`}
              role={role.id}
              title={pick(role.title, lang)}
              users={users}
              unitName={unitName}
              chosen={form.participants[role.id] ?? []}
              problem={problemText(`role-${role.id}`)}
              onToggle={(id, on) => toggle(role.id, id, on)}
            />
          ))}
        </div>
        <FormError error={error} field="bindings" />
        <FormLevelError error={error} fields={FIELDS} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("creating") : t("createButton")}
        </button>
      </form>
    </section>
  );
}
