// A horizontal bar chart drawn with block characters: one row per label, bars scaled to the largest
// magnitude; negative values use a lighter block so the sign shows without colour.
import { Box, Text } from 'ink';
import { useHue } from './theme.js';

export interface BarChartProps {
  /** Rows in display order; values in integer fen. */
  readonly rows: readonly { readonly label: string; readonly value: number }[];
  /** Formats a value for the right-hand column. */
  readonly format: (value: number) => string;
  /** Cells the longest bar takes. */
  readonly barWidth: number;
}

export function BarChart({ rows, format, barWidth }: BarChartProps) {
  const hue = useHue();
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  return (
    <Box flexDirection="column">
      {rows.map((row) => {
        const cells = Math.round((Math.abs(row.value) / max) * barWidth);
        const block = row.value < 0 ? '░' : '█';
        return (
          <Text key={row.label} wrap="truncate-end">
            {`${row.label.padEnd(labelWidth)} `}
            <Text color={hue(row.value < 0 ? 'red' : 'green')}>{block.repeat(cells).padEnd(barWidth)}</Text>
            {` ${format(row.value)}`}
          </Text>
        );
      })}
    </Box>
  );
}
