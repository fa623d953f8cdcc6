// Blocks of a version to tick, each by its number and first words, in the
// draft's order: what a directive is about, or what carried it out.
import type { ComponentChildren } from "preact";
import type { Block } from "../model/document";
import { toggleId } from "../model/directives";
import { blockLabel } from "../model/meeting";

export function BlockChecklist(props: {
  blocks: readonly Block[];
  chosen: readonly number[];
  onChange: (ids: number[]) => void;
  legend: string;
  invalid?: boolean;
  /** Shown under the list: the error about it. */
  children?: ComponentChildren;
}) {
  const choosable = props.blocks.filter((b) => b.id !== undefined);
  return (
    <fieldset class="block-checklist" aria-invalid={props.invalid ? "true" : undefined}>
      <legend>{props.legend}</legend>
      <div class="checklist-scroll">
        {choosable.map((b) => (
          <label key={b.id} class="check">
            <input
              type="checkbox"
              checked={props.chosen.includes(b.id!)}
              onChange={(e) => props.onChange(toggleId(props.chosen, b.id!, e.currentTarget.checked))}
            />
            <span>{blockLabel(b, b.id!)}</span>
          </label>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}
