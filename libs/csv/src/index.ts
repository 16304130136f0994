// @ehc/csv: RFC 4180 CSV read as a stream, malformed files refused with their line.
export * from './csv';
// CSV written for people to open in a spreadsheet: formulas neutralised.
export * from './formula-cells';
