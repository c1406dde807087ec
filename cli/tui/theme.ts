// Colours for the TUI, switched off by NO_COLOR (no-color.org): ink's chalk ignores it, so components ask here.
import { createContext, useContext } from 'react';

export type Hue = 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'magenta';

export interface Theme {
  /** False when NO_COLOR is set: meaning is then carried by text and markers alone. */
  readonly colour: boolean;
}

/** The theme for an environment; NO_COLOR set to anything non-empty turns colour off. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { colour: !noColour };
}

export const ThemeContext = createContext<Theme>({ colour: true });

/** The colour to give ink's `color` prop: undefined (terminal default) when colour is off. */
export function useHue(): (hue: Hue) => Hue | undefined {
  const theme = useContext(ThemeContext);
  return (hue) => (theme.colour ? hue : undefined);
}
