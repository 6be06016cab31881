import type { CliCommand } from '../command';

/** Every CLI command; adding one is adding its module here. */
export const commands: CliCommand[] = [];
