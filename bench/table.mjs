// Turns bench/run's samples into its table: per scenario and figure, each
// subject's median and spread over the runs, planflow / peer, and the
// target of DESIGN.md §4 where there is one.

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarise(samples, targets) {
  const rows = new Map();  // "scenario\0figure" -> row
  const notes = {};
  for (const sample of samples) {
    notes[`${sample.scenario}/${sample.subject}`] = sample.notes ?? "";
    for (const [figure, value] of Object.entries(sample.figures ?? {})) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      const key = `${sample.scenario}\0${figure}`;
      if (!rows.has(key)) rows.set(key, { scenario: sample.scenario, figure, subjects: {} });
      const subjects = rows.get(key).subjects;
      (subjects[sample.subject] ??= { values: [] }).values.push(value);
    }
  }
  const out = [];
  for (const row of rows.values()) {
    for (const s of Object.values(row.subjects)) {
      s.median = median(s.values);
      s.min = Math.min(...s.values);
      s.max = Math.max(...s.values);
    }
    const own = row.subjects.planflow;
    row.ratios = {};
    if (own)
      for (const [subject, s] of Object.entries(row.subjects))
        if (subject !== "planflow" && s.median) row.ratios[subject] = own.median / s.median;
    const target = targets.find((t) => t.scenario === row.scenario && t.figure === row.figure);
    if (target && own) {
      row.target = target.text;
      row.met = target.better === "higher" ? own.median >= target.value : own.median <= target.value;
    }
    out.push(row);
  }
  return { rows: out, notes };
}

function format(n) {
  if (n === undefined) return "–";
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function cell(s) {
  if (!s) return "–";
  if (s.values.length === 1) return format(s.median);
  return `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

export function renderMarkdown(report, scenarios) {
  const lines = [];
  const m = report.machine;
  lines.push(`# bench/run${report.quick ? " --quick" : ""}: ${report.runs} run(s) per subject, alternating`);
  lines.push("");
  lines.push(`${m.cpus} × ${m.cpu}, ${m.memory_gib} GiB, Linux ${m.kernel}, /tmp on ${m.tmp_file_system}, Node.js ${m.node}; ` +
    `commit ${m.commit}, ${m.date}; load average before: ${m.load_average.join(", ")}; took ${Math.round(report.seconds)} s`);
  lines.push("Each cell: median (lowest–highest) over the runs; ratio = planflow / peer.");
  for (const scenario of scenarios) {
    const rows = report.rows.filter((r) => r.scenario === scenario.name);
    if (!rows.length) continue;
    const subjects = [...new Set(rows.flatMap((r) => Object.keys(r.subjects)))]
      .sort((a, b) => (a === "planflow" ? -1 : b === "planflow" ? 1 : a.localeCompare(b)));
    const peers = subjects.filter((s) => s !== "planflow" && rows.some((r) => r.ratios[s] !== undefined));
    lines.push("", `## ${scenario.name}: ${scenario.title}`, "");
    lines.push(`| figure | ${subjects.join(" | ")} | ${peers.map((p) => `÷ ${p}`).join(" | ")}${peers.length ? " | " : ""}target |`);
    lines.push(`|---|${subjects.map(() => "---:").join("|")}|${peers.map(() => "---:|").join("")}---|`);
    for (const r of rows) {
      const ratios = peers.map((p) => (r.ratios[p] === undefined ? "–" : `${format(r.ratios[p])}×`));
      const target = r.target ? `${r.target} ${r.met ? "met" : "**missed**"}` : "";
      lines.push(`| ${r.figure} | ${subjects.map((s) => cell(r.subjects[s])).join(" | ")} | ${ratios.join(" | ")}${peers.length ? " | " : ""}${target} |`);
    }
    const notes = subjects.map((s) => [s, report.notes[`${scenario.name}/${s}`]]).filter(([, n]) => n);
    if (notes.length) lines.push("", ...notes.map(([s, n]) => `- ${s}: ${n}`));
  }
  if (report.failures.length) lines.push("", "## Failed runs", "", ...report.failures.map((f) => `- ${f}`));
  return lines.join("\n") + "\n";
}
