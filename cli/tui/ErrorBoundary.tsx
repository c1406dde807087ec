// Catches a render error anywhere in the TUI and shows it on one screen instead of a stack over the UI.
import { Component, type ReactNode } from 'react';
import { Box, Text } from 'ink';

export interface ErrorBoundaryProps {
  /** The app. */
  readonly children: ReactNode;
  /** Told once, so the command can exit with the internal-error code. */
  readonly onError?: (error: Error) => void;
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
    return (
      <Box flexDirection="column">
        <Text>marketsim tui: internal error: {error.message}</Text>
        <Text>This is a bug in marketsim; `marketsim run` gives the same results without the TUI.</Text>
      </Box>
    );
  }
}
