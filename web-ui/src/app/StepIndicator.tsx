import { pick } from "../i18n";
import type { Step } from "../model/steps";
import { useLang } from "./lang_context";

export function StepIndicator(props: { steps: Step[] }) {
  const { t, lang } = useLang();
  const label = { done: t("stepDone"), current: t("stepCurrent"), ahead: t("stepAhead") };
  return (
    <nav aria-label={t("stepsLabel")}>
      <ol class="steps">
        {props.steps.map((s) => (
          <li key={s.id} class={`step step-${s.status}`} aria-current={s.status === "current" ? "step" : undefined}>
            <span class="step-title">{pick(s.title, lang)}</span>
            <span class="visually-hidden"> ({label[s.status]})</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
