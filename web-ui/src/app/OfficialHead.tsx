import { MOTTO, NATIONAL_TITLE } from "../model/official";

/** What every document in the official layout (Nghị định 30/2020/NĐ-CP)
 * opens with: issuing body and number on the left, national title, motto
 * and place and date on the right, then the type and the summary. */
export function OfficialHead(props: {
  bodyLines: string[];
  numberLine: string;
  dateLine: string;
  typeName: string;
  summary: string;
}) {
  const last = props.bodyLines.length - 1;
  return (
    <>
      <div class="official-head">
        <div class="official-body">
          {props.bodyLines.map((l, i) => (
            <p key={i} class={i === last ? "strong underline" : ""}>
              {l}
            </p>
          ))}
          <p class="official-number">{props.numberLine}</p>
        </div>
        <div class="official-nation">
          <p class="strong">{NATIONAL_TITLE}</p>
          <p class="strong underline motto">{MOTTO}</p>
          <p class="official-date">{props.dateLine}</p>
        </div>
      </div>
      <h1 class="official-type">{props.typeName}</h1>
      <p class="official-summary">{props.summary}</p>
      <hr class="official-rule" />
    </>
  );
}
