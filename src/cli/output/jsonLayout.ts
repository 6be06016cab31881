import type { CliIo } from '../command';

/**
 * How a JSON document is laid out on stdout: indented for a person at a terminal, compact for a program reading
 * a pipe or a file (as `gh` does). A 20,000-file scan's JSON is 10 MB indented and 5.5 MB compact: a CI run that
 * stores, re-prints and parses it handles half the bytes.
 */
export type JsonLayout = 'indented' | 'compact';

export function jsonLayoutFor(io: Pick<CliIo, 'stdoutIsTerminal'>): JsonLayout {
  return io.stdoutIsTerminal ? 'indented' : 'compact';
}

/** JSON.stringify's `space` argument for a layout. */
export function jsonSpace(layout: JsonLayout): number | undefined {
  return layout === 'indented' ? 2 : undefined;
}
