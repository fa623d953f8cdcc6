import { useState } from "preact/hooks";
import type { DirectoryUnit, DirectoryUser } from "../protocol";
import { pickableUsers, PICKER_SEARCH_FROM } from "../model/new_dossier";
import { useLang } from "./lang_context";

/** One role's people, as checkboxes; a search box once the directory is long. */
export function RolePicker(props: {
  role: string;
  title: string;
  users: readonly DirectoryUser[];
  unitName: (id: number) => string;
  chosen: readonly number[];
  problem: string;
  onToggle: (user: number, on: boolean) => void;
}) {
  const { t } = useLang();
  const [text, setText] = useState("");
  const shown = pickableUsers(props.users, props.unitName, props.chosen, text);
  return (
    <fieldset id={`field-role-${props.role}`} tabIndex={-1}>
      <legend>{props.title}</legend>
      {props.users.length > PICKER_SEARCH_FROM && (
        <input
          type="search"
          class="picker-search"
          value={text}
          aria-label={t("pickerSearch", { role: props.title })}
          placeholder={t("pickerSearchPlaceholder")}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      )}
      {shown.map((u) => (
        <label key={u.id} class="check">
          <input
            type="checkbox"
            checked={props.chosen.includes(u.id)}
            onChange={(e) => props.onToggle(u.id, e.currentTarget.checked)}
          />
          {t("userInUnit", { name: u.name, unit: props.unitName(u.unit) })}
        </label>
      ))}
      {shown.length === 0 && <p class="empty">{t("pickerNoMatch")}</p>}
      {props.problem && (
        <p class="error" role="alert">
          {props.problem}
        </p>
      )}
    </fieldset>
  );
}

/** A choice of unit, by name. */
export function UnitSelect(props: { label: string; units: readonly DirectoryUnit[]; value: number; onChange: (id: number) => void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
        {props.units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
