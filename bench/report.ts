// The figures of one run: printed for people, and as one JSON line for machines (`--json`).
import { round } from './stats.ts';

export interface Figure {
  value: number | null;
  unit: string;
  baseline?: number;
  /** The budget this figure is held to, for the human-readable verdict. */
  budget?: { max: number; text: string };
  /** Why there is no value ("not measured: …"). */
  note?: string;
}

export class Report {
  readonly figures = new Map<string, Figure>();
  readonly lines: string[] = [];

  set(name: string, figure: Figure): void {
    this.figures.set(name, { ...figure, ...(figure.value !== null ? { value: round(figure.value, 3) } : {}) });
  }

  verdict(figure: Figure): string {
    if (figure.value === null) return `not measured${figure.note ? `: ${figure.note}` : ''}`;
    if (!figure.budget) return '';
    return figure.value <= figure.budget.max ? `meets ${figure.budget.text}` : `MISSES ${figure.budget.text}`;
  }

  summary(): string {
    const rows = [...this.figures].map(([name, f]) => {
      const value = f.value === null ? '—' : `${f.value} ${f.unit}`;
      const baseline = f.baseline !== undefined ? ` (baseline ${round(f.baseline, 2)})` : '';
      return `  ${name.padEnd(34)} ${value.padStart(14)}${baseline}  ${this.verdict(f)}`;
    });
    return rows.join('\n');
  }

  json(machine: string): string {
    const figures: Record<string, { value: number | null; unit: string; baseline?: number; note?: string }> = {};
    for (const [name, f] of this.figures) {
      figures[name] = {
        value: f.value,
        unit: f.unit,
        ...(f.baseline !== undefined ? { baseline: round(f.baseline, 3) } : {}),
        ...(f.note ? { note: f.note } : {}),
      };
    }
    return JSON.stringify({ machine, figures });
  }
}
