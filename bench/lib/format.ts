/** Plain-text tables and units for the printed report. */

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return ["  " + line(header), "  " + line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => "  " + line(r))].join(
    "\n",
  );
}

export const ms = (value: number): string => {
  if (!Number.isFinite(value)) return "n/a";
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 100 ? 0 : 2)} ms`;
};

export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(2)} MiB`;
  if (abs >= 10 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value} B`;
}

export const yesNo = (met: boolean | undefined): string => (met === undefined ? "n/a" : met ? "met" : "NOT met");

export function heading(title: string): void {
  console.log(`\n${title}\n${"=".repeat(title.length)}`);
}
