/**
 * Significant digits a figure keeps where a program reads it (JSON, SARIF, CSV). A double holds 15 to 17; sums and
 * products of prices leave noise in the last of them (`780.2760000000001`, `0.00024270000000000002`), which a
 * reader takes for a real digit and a diff of two reports shows as a change. Twelve keep every figure this tool
 * computes exact: a millionth of a cent per call, a monthly bill in the millions to the cent.
 */
export const printedDigits = 12;

/** `value` as printed: integers and non-finite values as they are, any other number to `printedDigits`. */
export function printedNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(printedDigits));
}

/** A `JSON.stringify` replacer that prints every number with `printedNumber`. */
export function printedNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? printedNumber(value) : value;
}
