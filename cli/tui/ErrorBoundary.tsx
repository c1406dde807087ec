// Catches a render error anywhere in the TUI and shows it on one screen instead of a stack over the UI.
import { Component, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { tuiText, type Lang } from './text.js';

export interface ErrorBoundaryProps {
  /** The app. */
  readonly children: ReactNode;
  /** Told once, so the command can exit with the internal-error code. */
  readonly onError?: (error: Error) => void;
  /** Default English. */
  readonly lang?: Lang;
}

interface State {
  readonly error?: Error;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError?.(error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const lang = this.props.lang ?? 'en';
    return (
      <Box flexDirection="column">
        <Text>{`${tuiText('internalError', lang)}${error.message}`}</Text>
        <Text>{tuiText('isABug', lang)}</Text>
      </Box>
    );
  }
}
