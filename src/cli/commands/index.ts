import type { CliCommand } from '../command';
import { compressCommand } from './compress';

/** Every CLI command; adding one is adding its module here. */
export const commands: CliCommand[] = [
  compressCommand,
];
