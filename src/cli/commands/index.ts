import type { CliCommand } from '../command';
import { compressCommand } from './compress';
import { diffCommand } from './diff';
import { estimateCommand } from './estimate';
import { fixCommand } from './fix';
import { priceCommand } from './price';
import { scanCommand } from './scan';

/** Every CLI command; adding one is adding its module here. */
export const commands: CliCommand[] = [
  compressCommand,
  priceCommand,
  estimateCommand,
  scanCommand,
  fixCommand,
  diffCommand,
];
