// The numbered table of a printable page (the disposition table, the
// progress report): headings, then one row of text cells per item, the
// first cell its number.
type Props = {
  headings: readonly string[];
  cells: string[][];
  rowKeys: (string | number)[];
  class?: string;
};

export function PrintTable({ headings, cells, rowKeys, class: extra }: Props) {
  return (
    <table class={extra ? `print-table ${extra}` : "print-table"}>
      <thead>
        <tr>
          {headings.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((r, i) => (
          <tr key={rowKeys[i]}>
            {r.map((c, j) => (
              <td key={j} class={j === 0 ? "num" : "cell-text"}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
