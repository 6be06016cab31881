import type { PriceTable } from '../pricing';
import { pricesOf } from '../pricing/update/age';
import type { WorkspaceAssumptions } from './assumptions';
import type { WorkspaceBill } from './bill';
import { costTotals } from './totals';

/** One workspace folder's bill, priced with that folder's own settings (as `llm-cost-lens scan <folder>` does). */
export interface FolderBill {
  /** The folder's name, as the report names it. */
  folder: string;
  bill: WorkspaceBill;
  /** The price table the folder's calls were priced with (its own price file and overrides). */
  table?: PriceTable;
  /** Set when the folder's own `pricing.overrides` differ from the workspace's: the models they price. */
  ownPriceOverrides?: string[];
}

/** What one folder's figures assumed: its own settings, which other folders need not share. */
export interface FolderAssumptions {
  folder: string;
  /** The folder's calls. */
  calls: number;
  assumptions: WorkspaceAssumptions;
  /** Where the folder's prices come from (`your price file prices.json, prices as of 2026-11-02`), when known. */
  prices?: string;
  /** Set when the folder's own `pricing.overrides` differ from the workspace's: the models they price. */
  ownPriceOverrides?: string[];
}

/** A multi-root workspace's bill: each call as its own folder priced it, the totals over them all. */
export interface MergedBill extends Omit<WorkspaceBill, 'assumptions'> {
  /** Per folder, in folder order: the folders' settings may differ, so there is no one set of assumptions. */
  folders: FolderAssumptions[];
}

/**
 * Joins the folders' bills, in folder order. No call is priced again: each keeps the figures its own folder's
 * settings, assumed models and model candidates gave it, and the totals are the sum over the folders.
 */
export function mergeBills(parts: readonly FolderBill[]): MergedBill {
  const calls = parts.flatMap((part) => part.bill.calls);
  return {
    records: parts.flatMap((part) => part.bill.records),
    calls,
    costs: parts.flatMap((part) => part.bill.costs),
    totals: costTotals(calls),
    folders: parts.map((part) => ({
      folder: part.folder,
      calls: part.bill.calls.length,
      assumptions: part.bill.assumptions,
      ...(part.table ? { prices: pricesOf(part.table) } : {}),
      ...(part.ownPriceOverrides ? { ownPriceOverrides: part.ownPriceOverrides } : {}),
    })),
  };
}

/** A bill's assumptions per folder: a bill of one folder (or of the CLI's one root) has one entry. */
export function assumptionsByFolder(bill: WorkspaceBill | MergedBill): FolderAssumptions[] {
  return 'folders' in bill ? bill.folders : [{ folder: '', calls: bill.calls.length, assumptions: bill.assumptions }];
}
