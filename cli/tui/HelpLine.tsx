// The keyboard help: always one line at the bottom of every screen, cut to the terminal width.
import { Text } from 'ink';
import { useHue } from './theme.js';

export type KeyHelp = readonly (readonly [key: string, action: string])[];

export interface HelpLineProps {
  /** The keys this screen answers to, in the order they are shown. */
  readonly keys: KeyHelp;
}

export function HelpLine({ keys }: HelpLineProps) {
  const hue = useHue();
  return (
    <Text wrap="truncate-end" color={hue('gray')}>
      {keys.map(([key, action]) => `${key} ${action}`).join(' · ')}
    </Text>
  );
}
